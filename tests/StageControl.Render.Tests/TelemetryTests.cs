using System.Diagnostics.Metrics;
using StageControl.Core.Geometry;
using StageControl.Render.Scenes;

namespace StageControl.Render.Tests;

/// <summary>The renderer's instruments live on the StageControl.Render meter.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public void RenderFrame_TwoPanels_CountsFramesAndPanelsOnTheRenderMeter()
    {
        // Arrange: other tests render in parallel, so count only measurements while this listener runs, and at least ours.
        long frames = 0, panels = 0;
        var durations = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RenderTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "stagecontrol.render.frames")
            {
                Interlocked.Add(ref frames, value);
            }
            else if (instrument.Name == "stagecontrol.render.panels")
            {
                Interlocked.Add(ref panels, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => Interlocked.Increment(ref durations));
        listener.Start();
        using var renderer = StageRenderer.Create(
            [TestPanels.Flat("a", new Vec3(0, 1.5, -4), 0, 2, 2, 16, 16), TestPanels.Flat("b", new Vec3(2, 1.5, -4), 0, 2, 2, 16, 16)],
            new DefaultScene());

        // Act
        renderer.RenderFrame(1, [], OperatorState.OuterOnly);
        renderer.RenderFrame(2, [], OperatorState.OuterOnly);

        // Assert
        Assert.True(Interlocked.Read(ref frames) >= 2);
        Assert.True(Interlocked.Read(ref panels) >= 4);
        Assert.True(Volatile.Read(ref durations) >= 2);
    }
}
