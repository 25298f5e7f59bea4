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
        var stream = new SerializedCountingStream();
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

    [Fact]
    public async Task Step_EveryNodeJoined_CuesAndPresentsEveryNodeAllocatingNothing()
    {
        // Arrange: the demo stage's nodes all joined, each over a stream that takes serialised messages (the cue is
        // serialised once per frame and assembled per node).
        var config = TestStage.Demo();
        using var runtime = new CoordinatorRuntime(config, null, new CoordinatorClock(TimeProvider.System, new FrameClock(0, config.FrameRate)), TimeSpan.FromMilliseconds(30), 3);
        var streams = new SerializedCountingStream[config.Nodes.Count];
        var entries = new NodeEntry[config.Nodes.Count];
        var connections = new List<NodeConnection>();
        using var cts = new CancellationTokenSource();
        var running = new List<Task>();
        for (var i = 0; i < streams.Length; i++)
        {
            streams[i] = new SerializedCountingStream();
            var outbound = new NodeOutbound(streams[i], runtime.Cameras.Count, runtime.Figures.PoseLatency);
            connections.Add(new NodeConnection(outbound, "test-" + i));
            runtime.Registry.Join(new Join { Name = config.Nodes[i].Name }, connections[i], out entries[i]);
            running.Add(outbound.RunAsync(cts.Token));
        }

        runtime.Cameras.OnSample(0, new TrackingSample(Stopwatch.GetTimestamp(), 1, new Core.Geometry.Vec3(0, 1.6, 3), Core.Geometry.Quat.Identity, 35, 2, 0, 100, 200, 1));
        var warmedUp = StepAll(runtime, entries, runtime.Clock.NextFrame(), 50);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var next = StepAll(runtime, entries, warmedUp, 2_000);
        var after = GC.GetAllocatedBytesForCurrentThread();

        // Assert
        Assert.Equal(0, after - before);
        Assert.Equal(0, runtime.Figures.Missed);
        Assert.All(streams, s => Assert.True(s.Cues >= 2_050 && s.Presents >= 2_050, $"{s.Cues} cues, {s.Presents} presents written"));
        Assert.All(streams, s => Assert.Equal(next - 1, s.LastCue!.Frame));
        Assert.All(streams, s => Assert.True(s.LastCue!.Cameras[0].Valid));
        await cts.CancelAsync();
        await Task.WhenAll(running).WaitAsync(TestStage.Timeout);
        connections.ForEach(c => c.Dispose());
    }

    private static long StepAll(CoordinatorRuntime runtime, NodeEntry[] entries, long from, int count)
    {
        for (var f = from; f < from + count; f++)
        {
            foreach (var entry in entries)
            {
                runtime.Barrier.OnReady(entry.Index, f, Stopwatch.GetTimestamp());
            }

            runtime.Loop.Step(f, Stopwatch.GetTimestamp());
        }

        return from + count;
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
}
