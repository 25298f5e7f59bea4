using System.Diagnostics.Metrics;
using StageControl.Coordinator.Telemetry;

namespace StageControl.Coordinator.Collaboration;

/// <summary>Collaborator-service refusals on the <c>StageControl.Coordinator</c> meter (listeners match meters by
/// name).</summary>
internal static class CollaborationTelemetry
{
    private static readonly Meter Meter = new(CoordinatorTelemetry.Name);

    /// <summary>Calls refused, tagged <c>reason</c> (invalid, exhausted, forbidden, not_found).</summary>
    public static readonly Counter<long> Refused = Meter.CreateCounter<long>("stagecontrol.coordinator.collab.refused", "{call}", "Collaborator calls refused (bad value, bound reached, someone else's, unknown id).");

    /// <summary>Counts one refusal.</summary>
    public static void CountRefusal(string reason)
    {
        if (Refused.Enabled)
        {
            Refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }
}
