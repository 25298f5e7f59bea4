using StageControl.Coordinator.Frames;

namespace StageControl.Coordinator.Tests.Frames;

public sealed class FrameBarrierTests
{
    [Fact]
    public void BeginFrame_BeforeFirstFrame_NodeNotExpected()
    {
        // Arrange
        var barrier = new FrameBarrier(2, 3);
        barrier.Join(0, firstFrame: 10);

        // Act
        var expectedAt9 = barrier.BeginFrame(9);
        barrier.Close();
        var expectedAt10 = barrier.BeginFrame(10);

        // Assert
        Assert.Equal(0, expectedAt9);
        Assert.Equal(1, expectedAt10);
        Assert.Equal(NodeBarrierState.Live, barrier.StateOf(0));
        Assert.Equal(NodeBarrierState.Offline, barrier.StateOf(1));
    }

    [Fact]
    public void Close_AllLiveReady_PresentsWithoutMiss()
    {
        // Arrange
        var barrier = Live(3, 0);
        barrier.BeginFrame(5);
        barrier.OnReady(0, 5, 100);
        barrier.OnReady(1, 5, 300);
        Assert.False(barrier.IsComplete());
        barrier.OnReady(2, 5, 200);

        // Act
        var complete = barrier.IsComplete();
        var outcome = barrier.Close();

        // Assert
        Assert.True(complete);
        Assert.Equal(new FrameOutcome(5, 3, 3, false, 300), outcome);
    }

    [Fact]
    public void Close_LiveNodeNotReadyAtDeadline_FrameMissed()
    {
        // Arrange
        var barrier = Live(2, 0);
        barrier.BeginFrame(5);
        barrier.OnReady(0, 5, 100);

        // Act
        var outcome = barrier.Close();

        // Assert
        Assert.True(outcome.Missed);
        Assert.Equal(1, outcome.Ready);
        Assert.Equal(2, outcome.Expected);
        Assert.Equal(1, barrier.Figures(1).FramesMissed);
        Assert.Equal(1, barrier.Figures(1).ConsecutiveMisses);
    }

    [Fact]
    public void Close_KMissesInARow_NodeLagsAndOthersGoOn()
    {
        // Arrange
        var barrier = Live(2, 0, k: 3);
        var changes = new List<(int, NodeBarrierState, NodeBarrierState)>();
        barrier.StateChanged += (n, f, t) => changes.Add((n, f, t));

        // Act: node 1 misses frames 1..3; node 0 is always ready.
        var outcomes = new List<FrameOutcome>();
        for (var f = 1; f <= 6; f++)
        {
            barrier.BeginFrame(f);
            barrier.OnReady(0, f, f);
            outcomes.Add(barrier.Close());
        }

        // Assert
        Assert.Equal(NodeBarrierState.Lagging, barrier.StateOf(1));
        Assert.Equal([true, true, true, false, false, false], outcomes.Select(o => o.Missed));
        Assert.Equal([2, 2, 2, 1, 1, 1], outcomes.Select(o => o.Expected));
        Assert.Contains((1, NodeBarrierState.Live, NodeBarrierState.Lagging), changes);
    }

    [Fact]
    public void OnReady_LaggingNodeOnTime_LiveAgainAtNextBoundary()
    {
        // Arrange
        var barrier = Live(2, 0, k: 1);
        barrier.BeginFrame(1);
        barrier.OnReady(0, 1, 1);
        barrier.Close();
        Assert.Equal(NodeBarrierState.Lagging, barrier.StateOf(1));

        // Act
        barrier.BeginFrame(2);
        var onTime = barrier.OnReady(1, 2, 2);
        barrier.OnReady(0, 2, 2);
        var during = barrier.Close();
        var expectedNext = barrier.BeginFrame(3);

        // Assert
        Assert.True(onTime);
        Assert.Equal(1, during.Expected);
        Assert.Equal(2, expectedNext);
        Assert.Equal(NodeBarrierState.Live, barrier.StateOf(1));
    }

    [Fact]
    public void OnReady_AfterClose_NotOnTime()
    {
        // Arrange
        var barrier = Live(1, 0, k: 1);
        barrier.BeginFrame(1);
        barrier.Close();
        Assert.Equal(NodeBarrierState.Lagging, barrier.StateOf(0));

        // Act
        var onTime = barrier.OnReady(0, 1, 5);
        barrier.BeginFrame(2);

        // Assert
        Assert.False(onTime);
        Assert.Equal(NodeBarrierState.Lagging, barrier.StateOf(0));
    }

    [Fact]
    public void OnReady_EveryNodeLaggingReadyAfterCloseBeforeDeadline_LiveAgainAtNextBoundary()
    {
        // Arrange: the only node lags, so nothing holds the barrier open and the close follows the cue at once.
        var barrier = Live(1, 0, k: 1);
        barrier.BeginFrame(1, deadlineTimestamp: 100);
        barrier.Close();
        Assert.Equal(NodeBarrierState.Lagging, barrier.StateOf(0));
        barrier.BeginFrame(2, deadlineTimestamp: 200);
        barrier.Close();

        // Act
        var late = barrier.OnReady(0, 2, 201);
        var stillOut = barrier.BeginFrame(3, deadlineTimestamp: 300);
        barrier.Close();
        var onTime = barrier.OnReady(0, 3, 250);
        var expected = barrier.BeginFrame(4, deadlineTimestamp: 400);

        // Assert
        Assert.False(late);
        Assert.Equal(0, stillOut);
        Assert.True(onTime);
        Assert.Equal(1, expected);
        Assert.Equal(NodeBarrierState.Live, barrier.StateOf(0));
    }

    [Fact]
    public void Leave_LiveNode_NoLongerExpected()
    {
        // Arrange
        var barrier = Live(2, 0);

        // Act
        barrier.Leave(1);
        var expected = barrier.BeginFrame(1);

        // Assert
        Assert.Equal(1, expected);
        Assert.Equal(NodeBarrierState.Disconnected, barrier.StateOf(1));
        Assert.False(barrier.Receives(1));
    }

    [Fact]
    public void FrameBookkeeping_SteadyState_AllocatesNothing()
    {
        // Arrange: the per-frame work of the loop minus I/O: barrier, recorders, cue/present slots.
        var barrier = Live(16, 0);
        var figures = new SyncFigures();
        var outbound = new NodeOutbound(new NullStream(), 1);
        var cue = new CueFrame(0, 0, [], new Protos.V1.OperatorState());
        RunFrames(barrier, figures, outbound, cue, 0, 10);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        RunFrames(barrier, figures, outbound, cue, 10, 10_000);
        var after = GC.GetAllocatedBytesForCurrentThread();

        // Assert
        Assert.Equal(0, after - before);
        Assert.Equal(10_010, figures.Presented);
    }

    private static void RunFrames(FrameBarrier barrier, SyncFigures figures, NodeOutbound outbound, CueFrame cue, long from, int count)
    {
        for (var f = from; f < from + count; f++)
        {
            barrier.BeginFrame(f);
            outbound.PostCue(cue);
            for (var n = 0; n < barrier.Count; n++)
            {
                barrier.OnReady(n, f, f);
            }

            _ = barrier.IsComplete();
            var outcome = barrier.Close();
            outbound.PostPresent(f, outcome.Ready, outcome.Expected);
            figures.OnPresented(outcome.Missed);
            figures.Overhead.Record(f * 10);
            figures.Skew.Record(f);
        }
    }

    private static FrameBarrier Live(int nodes, long atFrame, int k = 3)
    {
        var barrier = new FrameBarrier(nodes, k);
        for (var i = 0; i < nodes; i++)
        {
            barrier.Join(i, atFrame);
        }

        barrier.BeginFrame(atFrame);
        for (var i = 0; i < nodes; i++)
        {
            barrier.OnReady(i, atFrame, 0);
        }

        barrier.Close();
        return barrier;
    }

    private sealed class NullStream : Rpc.IAsyncStreamWriter<Protos.V1.CoordinatorMessage>
    {
        public Task WriteAsync(Protos.V1.CoordinatorMessage message) => Task.CompletedTask;
    }
}
