using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StageControl.Node;

/// <summary>
/// The render node's instruments (shared/DESIGN.md "Dependencies", telemetry): a <see cref="Meter"/> and an
/// <see cref="ActivitySource"/> named <see cref="Name"/>. Each cue → render → ready step is a <c>node.frame</c>
/// activity.
/// </summary>
public static class NodeTelemetry
{
    /// <summary>The Meter and ActivitySource name.</summary>
    public const string Name = "StageControl.Node";

    internal static readonly Meter Meter = new(Name);

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Counter<long> FramesRendered = Meter.CreateCounter<long>(
        "stagecontrol.node.frames.rendered", "{frame}", "Frames rendered (every panel of the node).");

    internal static readonly Counter<long> FramesPresented = Meter.CreateCounter<long>(
        "stagecontrol.node.frames.presented", "{frame}", "Presents received for the frame the node rendered.");

    internal static readonly Counter<long> CuesSkipped = Meter.CreateCounter<long>(
        "stagecontrol.node.cues.skipped", "{cue}", "Cues replaced by a newer cue before rendering began (latest wins).");

    internal static readonly Counter<long> PresentsWithoutFrame = Meter.CreateCounter<long>(
        "stagecontrol.node.presents.without_frame", "{present}", "Presents for a frame the node had not rendered.");

    internal static readonly Counter<long> OutputsDropped = Meter.CreateCounter<long>(
        "stagecontrol.node.outputs.dropped", "{frame}", "Presented frames not written because the writer was behind.");

    internal static readonly Counter<long> OutputErrors = Meter.CreateCounter<long>(
        "stagecontrol.node.outputs.errors", "{error}", "Failed PNG or raw writes.");

    internal static readonly Counter<long> RenderErrors = Meter.CreateCounter<long>(
        "stagecontrol.node.render.errors", "{error}", "Frames whose render failed.");

    internal static readonly Counter<long> Reconnects = Meter.CreateCounter<long>(
        "stagecontrol.node.reconnects", "{session}", "Sessions opened after the first.");

    internal static readonly Counter<long> ConnectFailures = Meter.CreateCounter<long>(
        "stagecontrol.node.connect.failures", "{attempt}", "Connection or join attempts that failed and were retried.");

    internal static readonly Counter<long> PreviewsSent = Meter.CreateCounter<long>(
        "stagecontrol.node.previews.sent", "{preview}", "Live panel previews sent to the coordinator.");

    internal static readonly Counter<long> PreviewBytes = Meter.CreateCounter<long>(
        "stagecontrol.node.previews.bytes", "By", "PNG bytes of the live panel previews sent.");

    internal static readonly Histogram<double> RenderDuration = Meter.CreateHistogram<double>(
        "stagecontrol.node.render.duration", "ms", "Drawing every panel of a frame, without read-back.");

    internal static readonly Histogram<double> ReadbackDuration = Meter.CreateHistogram<double>(
        "stagecontrol.node.readback.duration", "ms", "Reading every panel of a frame back.");

    internal static readonly Histogram<double> CueToReady = Meter.CreateHistogram<double>(
        "stagecontrol.node.cue_to_ready.duration", "ms", "Cue arrival to FrameReady queued.");
}
