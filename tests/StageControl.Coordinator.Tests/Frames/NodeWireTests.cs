// NodeWire against Google.Protobuf: the bytes assembled around a shared part must equal serialising the whole message.
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using StageControl.Coordinator.Frames;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.Tests.Frames;

public sealed class NodeWireTests
{
    [Fact]
    public void Cue_AnyFieldsAndPerNodeValues_EqualsTheWholeMessageSerialised()
    {
        // Arrange / Act / Assert
        Prop.ForAll(ArbMap.Default.ArbFor<Tuple<long, long, long, long>>(), values =>
        {
            var (frame, display, sent, dropped) = values;
            var camera = new CameraState { Name = "cam", Position = new Vec3 { X = 1.5, Y = -2 }, Valid = true, ArrivalMonoNs = display };
            var shared = new SharedCue();
            shared.Serialize(new CueFrame(frame, display, [camera], new OperatorState { ActiveCamera = "cam", OverscanPct = 0.1 }));
            var whole = new CoordinatorMessage
            {
                Cue = new FrameCue { Frame = frame, DisplayUnixNs = display, Operator = new OperatorState { ActiveCamera = "cam", OverscanPct = 0.1 }, SentMonoNs = sent, CuesDropped = dropped },
            };
            whole.Cue.Cameras.Add(camera);
            var buffer = new byte[shared.Bytes.Length + NodeWire.MaxOverhead];

            var length = NodeWire.Cue(buffer, shared.Bytes, sent, dropped);

            return buffer.AsSpan(0, length).SequenceEqual(whole.ToByteArray());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Present_AnyValues_EqualsTheWholeMessageSerialised()
    {
        // Arrange / Act / Assert
        Prop.ForAll(ArbMap.Default.ArbFor<Tuple<long, int, int, long>>(), values =>
        {
            var (frame, ready, expected, sent) = values;
            var whole = new CoordinatorMessage { Present = new Present { Frame = frame, Ready = ready, Expected = expected, SentMonoNs = sent } };
            var buffer = new byte[NodeWire.MaxOverhead];

            var length = NodeWire.Present(buffer, frame, ready, expected, sent);

            return buffer.AsSpan(0, length).SequenceEqual(whole.ToByteArray());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Pose_AnyStateAndSendTime_EqualsTheWholeMessageSerialised()
    {
        // Arrange / Act / Assert: an empty state too (a set message field is written even when empty).
        Prop.ForAll(ArbMap.Default.ArbFor<long>(), ArbMap.Default.ArbFor<bool>(), (sent, empty) =>
        {
            var state = empty ? new CameraState() : new CameraState { Name = "a", Orientation = new Quat { W = 1 }, FocalLengthMm = 35, SourceSequence = (ulong)Math.Abs(sent % 1000) };
            var item = new PoseItem(0, state, 0);
            var whole = new CoordinatorMessage { Pose = new PoseUpdate { Camera = state, SentMonoNs = sent } };
            var buffer = new byte[item.StateBytes.Length + NodeWire.MaxOverhead];

            var length = NodeWire.Pose(buffer, item.StateBytes, sent);

            return buffer.AsSpan(0, length).SequenceEqual(whole.ToByteArray());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Cue_LargeSharedPart_LengthTakesSeveralVarintBytes()
    {
        // Arrange: 40 cameras make a FrameCue of a few kB, so the outer length needs two varint bytes.
        var cameras = Enumerable.Range(0, 40).Select(i => new CameraState { Name = "camera-" + i, Position = new Vec3 { X = i }, Valid = true }).ToArray();
        var shared = new SharedCue();
        shared.Serialize(new CueFrame(7, 8, cameras, new OperatorState()));
        var buffer = new byte[shared.Bytes.Length + NodeWire.MaxOverhead];

        // Act
        var length = NodeWire.Cue(buffer, shared.Bytes, 123, 0);
        var parsed = CoordinatorMessage.Parser.ParseFrom(buffer, 0, length);

        // Assert
        Assert.True(shared.Bytes.Length > 127);
        Assert.Equal(40, parsed.Cue.Cameras.Count);
        Assert.Equal("camera-39", parsed.Cue.Cameras[39].Name);
        Assert.Equal(123, parsed.Cue.SentMonoNs);
        Assert.Equal(7, parsed.Cue.Frame);
    }
}
