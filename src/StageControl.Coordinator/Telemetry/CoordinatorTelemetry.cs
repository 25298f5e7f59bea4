using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StageControl.Coordinator.Telemetry;

/// <summary>
/// The coordinator's instruments on the <c>StageControl.Coordinator</c> meter and its activity source (shared/DESIGN.md
/// "Dependencies", telemetry). Adds are guarded by <see cref="Instrument.Enabled"/> so nothing happens per frame when
/// no listener is attached.
/// </summary>
internal static class CoordinatorTelemetry
{
    /// <summary>Meter and activity source name.</summary>
    public const string Name = "StageControl.Coordinator";

    /// <summary>One activity per frame cycle (cue → barrier → present).</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Frames presented.</summary>
    public static readonly Counter<long> FramesPresented = Meter.CreateCounter<long>("stagecontrol.coordinator.frames.presented", "{frame}", "Frames presented to the nodes.");

    /// <summary>Frames presented without every live node ready.</summary>
    public static readonly Counter<long> FramesMissed = Meter.CreateCounter<long>("stagecontrol.coordinator.frames.missed", "{frame}", "Frames presented at the barrier deadline with a live node not ready.");

    /// <summary>Frame boundaries the loop was too late for (not cued at all).</summary>
    public static readonly Counter<long> FramesSkipped = Meter.CreateCounter<long>("stagecontrol.coordinator.frames.skipped", "{frame}", "Frame boundaries the frame loop woke up too late for.");

    /// <summary>Cues replaced before they were sent (latest-wins).</summary>
    public static readonly Counter<long> CuesDropped = Meter.CreateCounter<long>("stagecontrol.coordinator.cues.dropped", "{cue}", "Frame cues replaced by a newer one before a node's writer sent them.");

    /// <summary>Node sessions the coordinator ended itself on stop because the node had not read its Shutdown and ended
    /// its stream within the bound.</summary>
    public static readonly Counter<long> ShutdownsUnacknowledged = Meter.CreateCounter<long>("stagecontrol.coordinator.shutdowns.unacknowledged", "{session}", "Node sessions still open when the coordinator's stop deadline passed after Shutdown.");

    /// <summary>Spread of the Present writes across nodes.</summary>
    public static readonly Histogram<double> Skew = Meter.CreateHistogram<double>("stagecontrol.coordinator.barrier.skew", "us", "Spread between the first and the last Present written to node streams.");

    /// <summary>Frame boundary → Present sent.</summary>
    public static readonly Histogram<double> Overhead = Meter.CreateHistogram<double>("stagecontrol.coordinator.present.overhead", "us", "Frame boundary to Present handed to the node writers.");

    /// <summary>Live panel previews stored for the dashboard.</summary>
    public static readonly Counter<long> PreviewsReceived = Meter.CreateCounter<long>("stagecontrol.coordinator.previews.received", "{preview}", "Live panel previews received from nodes and stored.");

    /// <summary>Live panel previews refused (tag <c>reason</c>: panel, size, format).</summary>
    public static readonly Counter<long> PreviewsRejected = Meter.CreateCounter<long>("stagecontrol.coordinator.previews.rejected", "{preview}", "Live panel previews refused: a panel the node does not drive, too large, or not a PNG.");

    /// <summary>Operator changes refused over HTTP (tag <c>reason</c>: body, invalid, version).</summary>
    public static readonly Counter<long> OperatorRejected = Meter.CreateCounter<long>("stagecontrol.coordinator.operator.rejected", "{request}", "POST /api/operator requests refused.");

    /// <summary>State files (calibration.json, operator.json) written.</summary>
    public static readonly Counter<long> StateWrites = Meter.CreateCounter<long>("stagecontrol.coordinator.state.writes", "{file}", "State files written after accepted changes.");

    /// <summary>State file writes that failed (each is retried; the change stays in force in memory).</summary>
    public static readonly Counter<long> StateWriteFailures = Meter.CreateCounter<long>("stagecontrol.coordinator.state.write_failures", "{file}", "State file writes that failed and will be retried.");

    /// <summary>Nodes in the barrier: +1 when a node becomes live, −1 when it leaves the barrier.</summary>
    public static readonly UpDownCounter<int> NodesLive = Meter.CreateUpDownCounter<int>("stagecontrol.coordinator.nodes.live", "{node}", "Nodes in the frame barrier.");
}
