using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StageControl.Coordinator.Security;

/// <summary>Access refusals on the <c>StageControl.Coordinator</c> meter (a second Meter instance of the same name:
/// listeners match meters by name).</summary>
internal static class SecurityTelemetry
{
    private static readonly Meter Meter = new("StageControl.Coordinator");

    /// <summary>Calls and requests refused, tagged <c>reason</c> (missing, malformed, bad_signature, expired,
    /// unknown_role, forbidden, wrong_node) and <c>transport</c> (grpc, http).</summary>
    public static readonly Counter<long> Refused = Meter.CreateCounter<long>("stagecontrol.coordinator.auth.refused", "{call}", "Calls and HTTP requests refused by the access check, by reason.");

    /// <summary>Counts one refusal.</summary>
    public static void CountRefusal(string reason, string transport)
    {
        if (Refused.Enabled)
        {
            Refused.Add(1, new TagList { { "reason", reason }, { "transport", transport } });
        }
    }
}
