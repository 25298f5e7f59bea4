using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StageControl.Render;

/// <summary>
/// The renderer's instruments (shared/DESIGN.md "Dependencies", telemetry): a <see cref="Meter"/> and an
/// <see cref="ActivitySource"/> named <see cref="Name"/>. A frame is one <c>render.frame</c> activity.
/// </summary>
public static class RenderTelemetry
{
    /// <summary>The Meter and ActivitySource name.</summary>
    public const string Name = "StageControl.Render";

    internal static readonly Meter Meter = new(Name);

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Counter<long> Frames = Meter.CreateCounter<long>(
        "stagecontrol.render.frames", "{frame}", "Frames rendered (every panel of the renderer drawn and read back).");

    internal static readonly Counter<long> Panels = Meter.CreateCounter<long>(
        "stagecontrol.render.panels", "{panel}", "Panels rendered.");

    internal static readonly Counter<long> InnerPanels = Meter.CreateCounter<long>(
        "stagecontrol.render.panels.inner", "{panel}", "Panels that showed part of the inner frustum.");

    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "stagecontrol.render.errors", "{error}", "Frames that failed (GL error, bad camera).");

    internal static readonly Histogram<double> FrameDuration = Meter.CreateHistogram<double>(
        "stagecontrol.render.frame.duration", "ms", "Time to draw and read back every panel of a frame.");
}
