using System.Diagnostics;
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

    [Fact]
    public async Task PostPresent_Running_WrittenOnThePostingThread()
    {
        // Arrange
        var stream = new RecordingStream();
        var outbound = new NodeOutbound(stream, 1);
        using var cts = new CancellationTokenSource();
        var running = outbound.RunAsync(cts.Token);

        // Act: the stream completes writes synchronously, so the post itself writes.
        outbound.PostPresent(9, 1, 1);
        var threadOfWrite = stream.LastWriteThread;

        // Assert
        Assert.Equal(9, Assert.Single(stream.Messages).Present.Frame);
        Assert.Equal(Environment.CurrentManagedThreadId, threadOfWrite);
        await cts.CancelAsync();
        await running.WaitAsync(TestStage.Timeout);
    }

    [Fact]
    public async Task PostCue_CallerReusesItsCue_NodeSendsTheValuesAtPostTime()
    {
        // Arrange: the first write blocks, so the second cue waits in the slot while the caller rewrites its object.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new RecordingStream(gate.Task);
        var outbound = new NodeOutbound(stream, 1);
        using var cts = new CancellationTokenSource();
        var running = outbound.RunAsync(cts.Token);
        var camera = new CameraState { Name = "a", Position = new Vec3 { X = 1 } };
        var cue = new CueFrame(1, 10, [camera], new OperatorState());
        outbound.PostCue(cue);
        await TestStage.Until(() => stream.Started, "the first write started");
        cue.Frame = 2;
        camera.Position.X = 2;
        outbound.PostCue(cue);

        // Act
        cue.Frame = 3;
        camera.Position.X = 3;
        camera.Name = "changed";
        gate.SetResult();
        await TestStage.Until(() => stream.Count >= 2, "the writer resumed");

        // Assert
        Assert.Equal([1L, 2L], stream.Messages.Select(m => m.Cue.Frame));
        Assert.Equal([1.0, 2.0], stream.Messages.Select(m => m.Cue.Cameras[0].Position.X));
        Assert.Equal("a", stream.Messages[1].Cue.Cameras[0].Name);
        await cts.CancelAsync();
        await running.WaitAsync(TestStage.Timeout);
    }

    [Fact]
    public async Task RunAsync_WriteFails_EndsWithThatError()
    {
        // Arrange
        var outbound = new NodeOutbound(new FailingStream(), 1);
        var running = outbound.RunAsync(CancellationToken.None);

        // Act
        outbound.PostPresent(1, 1, 1);

        // Assert
        await Assert.ThrowsAsync<IOException>(() => running.WaitAsync(TestStage.Timeout));
    }

    [Fact]
    public async Task PostPose_ManyThreadsWhileRunning_EveryPostEventuallyWrittenOrReplaced()
    {
        // Arrange
        var stream = new RecordingStream();
        var outbound = new NodeOutbound(stream, 2);
        using var cts = new CancellationTokenSource();
        var running = outbound.RunAsync(cts.Token);
        var state = new CameraState { Name = "x" };

        // Act: 4 threads post 2 000 poses each; ownership of the drain moves between them.
        Parallel.For(0, 4, t =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                outbound.PostPose(new PoseItem(i % 2, state, i));
            }
        });

        // Assert: nothing left behind, and nothing lost: written + replaced = posted.
        Assert.Equal(8_000, stream.Count + outbound.PosesDropped);
        await cts.CancelAsync();
        await running.WaitAsync(TestStage.Timeout);
    }

    [Fact]
    public async Task PostCue_SharedCueToTwoNodes_EachGetsTheSharedFieldsAndItsOwnDropCount()
    {
        // Arrange: node b's first write is held, so its later cues replace one another and are counted as dropped.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = new BytesStream();
        var b = new BytesStream(gate.Task);
        var outboundA = new NodeOutbound(a, 1);
        var outboundB = new NodeOutbound(b, 1);
        using var cts = new CancellationTokenSource();
        var runningA = outboundA.RunAsync(cts.Token);
        var runningB = outboundB.RunAsync(cts.Token);
        var shared = new SharedCue();
        var camera = new CameraState { Name = "cam", Valid = true };
        var before = NodeOutbound.MonoNs(Stopwatch.GetTimestamp());

        // Act
        for (var f = 1; f <= 5; f++)
        {
            camera.Position = new Vec3 { X = f };
            shared.Serialize(new CueFrame(f, f * 10, [camera], new OperatorState()));
            outboundA.PostCue(shared);
            outboundB.PostCue(shared);
        }

        gate.SetResult();
        await TestStage.Until(() => a.Count >= 5 && b.Count >= 2, "both nodes wrote");
        await cts.CancelAsync();
        await Task.WhenAll(runningA, runningB).WaitAsync(TestStage.Timeout);

        // Assert
        var cuesA = a.Messages.Select(m => m.Cue).ToArray();
        var cuesB = b.Messages.Select(m => m.Cue).ToArray();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], cuesA.Select(c => c.Frame));
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], cuesA.Select(c => c.Cameras[0].Position.X));
        Assert.All(cuesA, c => Assert.Equal(0, c.CuesDropped));
        Assert.Equal([1L, 5L], cuesB.Select(c => c.Frame));
        Assert.Equal(50, cuesB[1].DisplayUnixNs);
        Assert.Equal(3, cuesB[1].CuesDropped);
        Assert.All(cuesA.Concat(cuesB), c => Assert.InRange(c.SentMonoNs, before, NodeOutbound.MonoNs(Stopwatch.GetTimestamp())));
    }

    [Fact]
    public async Task PostPoseAndPresent_SerializedStream_WrittenAsBytesWithSendTimes()
    {
        // Arrange
        var stream = new BytesStream();
        var outbound = new NodeOutbound(stream, 1);
        using var cts = new CancellationTokenSource();
        var running = outbound.RunAsync(cts.Token);
        var before = NodeOutbound.MonoNs(Stopwatch.GetTimestamp());

        // Act
        outbound.PostPose(new PoseItem(0, new CameraState { Name = "cam", ArrivalMonoNs = 42, Orientation = new Quat { W = 1 } }, 0));
        outbound.PostPresent(9, 3, 4);
        await TestStage.Until(() => stream.Count >= 2, "two messages were written");
        await cts.CancelAsync();
        await running.WaitAsync(TestStage.Timeout);

        // Assert
        var messages = stream.Messages;
        Assert.Equal("cam", messages[0].Pose.Camera.Name);
        Assert.Equal(42, messages[0].Pose.Camera.ArrivalMonoNs);
        Assert.Equal(new Present { Frame = 9, Ready = 3, Expected = 4, SentMonoNs = messages[1].Present.SentMonoNs }, messages[1].Present);
        Assert.All(messages, m => Assert.InRange(m.Pose?.SentMonoNs ?? m.Present.SentMonoNs, before, NodeOutbound.MonoNs(Stopwatch.GetTimestamp())));
    }

    [Fact]
    public async Task PostPose_SerializedStreams_AllocatesNothingPerNode()
    {
        // Arrange: one pose item (serialised once, when made) fanned out to 16 nodes, as the tracking hub does.
        var streams = Enumerable.Range(0, 16).Select(_ => new SerializedCountingStream()).ToArray();
        var outbounds = streams.Select(s => new NodeOutbound(s, 1)).ToArray();
        using var cts = new CancellationTokenSource();
        var running = outbounds.Select(o => o.RunAsync(cts.Token)).ToArray();
        var item = new PoseItem(0, new CameraState { Name = "cam", Position = new Vec3 { X = 1 }, Valid = true }, 0);
        FanOut(outbounds, item, 100);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        FanOut(outbounds, item, 1_000);
        var after = GC.GetAllocatedBytesForCurrentThread();

        // Assert
        Assert.Equal(0, after - before);
        Assert.All(streams, s => Assert.Equal(1_100, s.Poses));
        await cts.CancelAsync();
        await Task.WhenAll(running).WaitAsync(TestStage.Timeout);
    }

    private static void FanOut(NodeOutbound[] outbounds, PoseItem item, int times)
    {
        for (var i = 0; i < times; i++)
        {
            foreach (var outbound in outbounds)
            {
                outbound.PostPose(item);
            }
        }
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

        public int LastWriteThread { get; private set; }

        public async Task WriteAsync(CoordinatorMessage message)
        {
            LastWriteThread = Environment.CurrentManagedThreadId;
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

    /// <summary>Takes serialised messages, like StageControl.Rpc's server streams, and parses each copy; optionally blocks
    /// the first write.</summary>
    private sealed class BytesStream(Task? firstWriteGate = null) : IAsyncStreamWriter<CoordinatorMessage>, ISerializedStreamWriter
    {
        private readonly Lock _gate = new();
        private readonly List<CoordinatorMessage> _messages = [];
        private bool _started;

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

        public Task WriteAsync(CoordinatorMessage message) => throw new InvalidOperationException("expected serialised writes only");

        public Task WriteSerializedAsync(ReadOnlySpan<byte> message)
        {
            var parsed = CoordinatorMessage.Parser.ParseFrom(message.ToArray());
            lock (_gate)
            {
                _messages.Add(parsed);
            }

            var first = !_started;
            _started = true;
            return first && firstWriteGate is not null ? firstWriteGate : Task.CompletedTask;
        }
    }

    private sealed class FailingStream : IAsyncStreamWriter<CoordinatorMessage>
    {
        public Task WriteAsync(CoordinatorMessage message) => Task.FromException(new IOException("the stream died"));
    }
}
