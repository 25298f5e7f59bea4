// The frame loop's steady-state iteration (camera evaluation, cue, barrier, present, skew) without sockets: one node
// joined with an outbound over a stream that completes every write at once, so the inline write path runs too.
using System.Diagnostics;
using StageControl.Coordinator.Frames;
using StageControl.Coordinator.Hosting;
using StageControl.Coordinator.Registry;
using StageControl.Core.Timing;
using StageControl.Protos.V1;
using StageControl.Rpc;
using StageControl.Tracking;

namespace StageControl.Coordinator.Tests.Frames;

public sealed class FrameLoopTests
{
    [Fact]
    public async Task Step_SteadyState_AllocatesNothing()
    {
        // Arrange
        var config = TestStage.Demo();
        using var runtime = new CoordinatorRuntime(config, null, new CoordinatorClock(TimeProvider.System, new FrameClock(0, config.FrameRate)), TimeSpan.FromMilliseconds(30), 3);
        var stream = new CountingStream();
        var outbound = new NodeOutbound(stream, runtime.Cameras.Count, runtime.Figures.PoseLatency);
        using var connection = new NodeConnection(outbound, "test");
        runtime.Registry.Join(new Join { Name = config.Nodes[0].Name }, connection, out var entry);
        using var cts = new CancellationTokenSource();
        var running = outbound.RunAsync(cts.Token);
        var now = Stopwatch.GetTimestamp();
        runtime.Cameras.OnSample(0, new TrackingSample(now, 1, new Core.Geometry.Vec3(0, 1.6, 3), Core.Geometry.Quat.Identity, 35, 2, 0, 100, 200, 1));
        var frame = runtime.Clock.NextFrame();
        var warmedUp = Step(runtime, entry, frame, 50);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var next = Step(runtime, entry, warmedUp, 5_000);
        var after = GC.GetAllocatedBytesForCurrentThread();

        // Assert
        Assert.Equal(0, after - before);
        Assert.Equal(5_050, runtime.Figures.Presented);
        Assert.Equal(0, runtime.Figures.Missed);
        Assert.True(stream.Cues >= 5_050 && stream.Presents >= 5_050, $"{stream.Cues} cues, {stream.Presents} presents written");
        Assert.Equal(next - 1, stream.LastCue!.Frame);
        Assert.True(stream.LastCue.Cameras[0].Valid);
        await cts.CancelAsync();
        await running.WaitAsync(TestStage.Timeout);
    }

    private static long Step(CoordinatorRuntime runtime, NodeEntry entry, long from, int count)
    {
        for (var f = from; f < from + count; f++)
        {
            // The node is ready before the frame opens, so the barrier never waits.
            runtime.Barrier.OnReady(entry.Index, f, Stopwatch.GetTimestamp());
            runtime.Loop.Step(f, Stopwatch.GetTimestamp());
        }

        return from + count;
    }

    /// <summary>Completes every write synchronously; counts cues and presents and keeps the last cue's reference.</summary>
    private sealed class CountingStream : IAsyncStreamWriter<CoordinatorMessage>
    {
        public long Cues { get; private set; }

        public long Presents { get; private set; }

        public FrameCue? LastCue { get; private set; }

        public Task WriteAsync(CoordinatorMessage message)
        {
            if (message.KindCase == CoordinatorMessage.KindOneofCase.Cue)
            {
                Cues++;
                LastCue = message.Cue;
            }
            else if (message.KindCase == CoordinatorMessage.KindOneofCase.Present)
            {
                Presents++;
            }

            return Task.CompletedTask;
        }
    }
}
