using System.Diagnostics.Metrics;
using StageControl.Coordinator.Telemetry;

namespace StageControl.Coordinator.Remote;

/// <summary>The federation link's instruments, on the <c>StageControl.Coordinator</c> meter.</summary>
internal static class FederationTelemetry
{
    private static readonly Meter Meter = new(CoordinatorTelemetry.Name);

    /// <summary>Messages refused from peers, tagged <c>reason</c>.</summary>
    public static readonly Counter<long> Refused = Meter.CreateCounter<long>("stagecontrol.coordinator.federation.refused", "{message}", "Link messages refused from peers (bad message, wrong site, frame far off, implausible timestamps).");

    /// <summary>Epoch steps after the first lock.</summary>
    public static readonly Counter<long> Steps = Meter.CreateCounter<long>("stagecontrol.coordinator.federation.steps", "{step}", "Epoch steps after the first lock (offset change of a frame or more).");

    /// <summary>Re-locks after a lost link.</summary>
    public static readonly Counter<long> Resyncs = Meter.CreateCounter<long>("stagecontrol.coordinator.federation.resyncs", "{resync}", "Re-locks of the link after it was lost.");

    /// <summary>Links lost.</summary>
    public static readonly Counter<long> LinksLost = Meter.CreateCounter<long>("stagecontrol.coordinator.federation.links.lost", "{link}", "Links that went silent or ended.");

    /// <summary>Round trip of each clock exchange.</summary>
    public static readonly Histogram<double> RoundTrip = Meter.CreateHistogram<double>("stagecontrol.coordinator.federation.round_trip", "us", "Round-trip delay of each clock exchange (less the primary's hold time).");

    /// <summary>Applied offset minus the offset estimate, after each discipline step.</summary>
    public static readonly Histogram<double> ErrorBound = Meter.CreateHistogram<double>("stagecontrol.coordinator.federation.error_bound", "us", "Error bound of the clock filter's chosen sample (δ/2 + dispersion).");
}
