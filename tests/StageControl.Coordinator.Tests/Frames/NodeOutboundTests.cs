using StageControl.Coordinator.Frames;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Tests.Frames;

public sealed class NodeOutboundTests
{
    [Fact]
    public void PostCue_NodeNotDraining_SlotHoldsOnlyTheNewest()
    {
        // Arrange
        var outbound = new NodeOutbound(new RecordingStream(), 1);

        // Act
        for (var f = 1; f <= 100; f++)
        {
            outbound.PostCue(Cue(f));
            Assert.Equal(1, outbound.PendingCues);
        }

        // Assert
        Assert.Equal(100, outbound.PendingCueFrame);
        Assert.Equal(99, outbound.CuesDropped);
    }

    [Fact]
    public async Task RunAsync_EverySlotFull_WritesControlPresentCuePoseInThatOrder()
    {
        // Arrange
        var stream = new RecordingStream();
        var outbound = new NodeOutbound(stream, 2);
        outbound.PostPose(new PoseItem(1, new CameraState { Name = "b" }, 0));
        outbound.PostCue(Cue(7));
        outbound.PostPresent(6, 2, 2);
        outbound.PostControl(new CoordinatorMessage { Assignment = new Assignment { Node = "n" } });
        using var cts = new CancellationTokenSource();

        // Act
        var running = outbound.RunAsync(cts.Token);
        await TestStage.Until(() => stream.Count >= 4, "four messages were written");
        await cts.CancelAsync();
        await running.WaitAsync(TestStage.Timeout);

        // Assert
        var kinds = stream.Messages.Select(m => m.KindCase).ToArray();
        Assert.Equal(
            [CoordinatorMessage.KindOneofCase.Assignment, CoordinatorMessage.KindOneofCase.Present, CoordinatorMessage.KindOneofCase.Cue, CoordinatorMessage.KindOneofCase.Pose],
            kinds);
        Assert.Equal(6, stream.Messages[1].Present.Frame);
        Assert.Equal(7, stream.Messages[2].Cue.Frame);
        Assert.Equal("b", stream.Messages[3].Pose.Camera.Name);
    }

    [Fact]
    public async Task RunAsync_StalledStream_SendsOnlyTheNewestCueWhenItResumes()
    {
        // Arrange: the first write blocks until released, like a node that stopped reading.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new RecordingStream(gate.Task);
        var outbound = new NodeOutbound(stream, 1);
        using var cts = new CancellationTokenSource();
        var running = outbound.RunAsync(cts.Token);
        outbound.PostCue(Cue(1));
        await TestStage.Until(() => stream.Started, "the first write started");

        // Act
        for (var f = 2; f <= 50; f++)
        {
            outbound.PostCue(Cue(f));
        }

        gate.SetResult();
        await TestStage.Until(() => stream.Count >= 2, "the writer resumed");
        await cts.CancelAsync();
        await running.WaitAsync(TestStage.Timeout);

        // Assert
        Assert.Equal([1L, 50L], stream.Messages.Select(m => m.Cue.Frame));
        Assert.Equal(48, stream.Messages[1].Cue.CuesDropped);
        Assert.Equal(48, outbound.CuesDropped);
    }

    [Fact]
    public async Task RunAsync_ShutdownWritten_Completes()
    {
        // Arrange
        var stream = new RecordingStream();
        var outbound = new NodeOutbound(stream, 0);
        outbound.PostControl(new CoordinatorMessage { Shutdown = new Shutdown { Reason = "bye" } });

        // Act
        await outbound.RunAsync(CancellationToken.None).WaitAsync(TestStage.Timeout);

        // Assert
        Assert.Equal("bye", Assert.Single(stream.Messages).Shutdown.Reason);
    }

    private static CueFrame Cue(long frame) => new(frame, frame * 1000, [], new OperatorState());

    /// <summary>Clones each message (the writer reuses its objects); optionally blocks the first write.</summary>
    private sealed class RecordingStream(Task? firstWriteGate = null) : IAsyncStreamWriter<CoordinatorMessage>
    {
        private readonly Lock _gate = new();
        private readonly List<CoordinatorMessage> _messages = [];
        private volatile bool _started;

        public bool Started => _started;

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _messages.Count;
                }
            }
        }

        public List<CoordinatorMessage> Messages
        {
            get
            {
                lock (_gate)
                {
                    return [.. _messages];
                }
            }
        }

        public async Task WriteAsync(CoordinatorMessage message)
        {
            var copy = message.Clone();
            var first = !_started;
            _started = true;
            if (first && firstWriteGate is not null)
            {
                await firstWriteGate;
            }

            lock (_gate)
            {
                _messages.Add(copy);
            }
        }
    }
}
