// `stagectl bench render`: frames per second of one panel, against a clear-only baseline measured in the same run.
using System.Diagnostics;
using StageControl.Core.Geometry;
using StageControl.Core.Projection;
using StageControl.Render.Scenes;

namespace StageControl.Render;

/// <summary>
/// Measures one panel of <c>width × height</c> pixels: a 16:9-ish flat panel 4 m in front of the outer eye showing the
/// <see cref="DefaultScene"/>, with a tracked camera whose inner frustum (10 % overscan, soft edge 0.1) covers its
/// middle. Three figures from the same renderer, each after warm-up frames (llvmpipe compiles shaders at first draw):
/// render (glFinish per frame), render + glReadPixels, and a clear-only frame + glReadPixels (baseline).
/// </summary>
public static class RenderBenchmark
{
    /// <summary>Runs the measurement; <paramref name="cancellationToken"/> stops it between frames (figures so far).</summary>
    public static RenderBenchmarkResult Run(int width, int height, int frames, RenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        var physicalWidth = 4.0;
        var physicalHeight = physicalWidth * height / width;
        var center = new Vec3(0, 0.2 + (physicalHeight / 2), -4);
        var pa = center - new Vec3(physicalWidth / 2, physicalHeight / 2, 0);
        var panel = new PanelQuad("bench", pa, pa + new Vec3(physicalWidth, 0, 0), pa + new Vec3(0, physicalHeight, 0), width, height);
        var camera = RenderCamera.FromPose("bench", new CameraPose(new Vec3(0.3, 1.5, -0.5), Quat.FromAxisAngle(Vec3.UnitY, double.DegreesToRadians(-4))), new CameraOptics(36, 24, 35));
        RenderCamera[] cameras = [camera];
        var op = new OperatorState("bench", 10, 0.1);
        using var renderer = StageRenderer.Create([panel], new DefaultScene(), options);
        var buffer = new byte[width * height * 4];
        return renderer.OnRenderThread(() =>
        {
            var backend = renderer.Backend;
            for (var i = 0; i < 3; i++)
            {
                renderer.RenderFrameCore(i, cameras, op);
                backend.ClearPanel(width, height, buffer);
            }

            double Measure(Action<long> frame)
            {
                var n = 0;
                var start = Stopwatch.GetTimestamp();
                while (n < frames && !cancellationToken.IsCancellationRequested)
                {
                    frame(n);
                    n++;
                }

                var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                return n == 0 || seconds <= 0 ? 0 : n / seconds;
            }

            var baseline = Measure(_ =>
            {
                backend.ClearPanel(width, height, buffer);
            });
            var render = Measure(i =>
            {
                renderer.RenderPanelCore(0, i, cameras, op, Span<byte>.Empty);
                backend.Finish();
            });
            var readback = Measure(i => renderer.RenderPanelCore(0, i, cameras, op, buffer));
            return new RenderBenchmarkResult(renderer.Info.Renderer, width, height, frames, render, readback, baseline);
        });
    }
}
