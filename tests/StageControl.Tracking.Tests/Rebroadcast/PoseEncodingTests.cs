using System.Buffers;
using System.Net;
using System.Net.Sockets;
using StageControl.Core.Geometry;
using StageControl.Tracking.CameraState;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Mapping;
using StageControl.Tracking.OpenTrackIO;
using StageControl.Tracking.Osc;
using StageControl.Tracking.Rebroadcast;
using StageControl.Tracking.Simulator;

namespace StageControl.Tracking.Tests.Rebroadcast;

public sealed class PoseEncodingTests
{
    private static CameraPose Pose(double pan, double tilt, double roll, Vec3 position) =>
        new(0, position, PanTiltRoll.ToOrientation(pan, tilt, roll), 35, 0.12, position, 3, 1234, 567, CameraPoseState.Interpolated);

    [Fact]
    public void TryWriteFreeD_RandomPoses_RoundTripWithinOneLsb()
    {
        // Arrange
        var random = new Random(5);
        Span<byte> packet = stackalloc byte[FreeDWriter.D1Length];
        for (var i = 0; i < 500; i++)
        {
            var pan = (random.NextDouble() * 358) - 179;
            var tilt = (random.NextDouble() * 170) - 85;
            var roll = (random.NextDouble() * 60) - 30;
            var position = new Vec3((random.NextDouble() * 20) - 10, random.NextDouble() * 5, (random.NextDouble() * 20) - 10);
            var pose = Pose(pan, tilt, roll, position);

            // Act
            Assert.True(PoseEncoding.TryWriteFreeD(pose, 3, packet, out var written));
            var status = FreeDReader.TryReadDatagram(packet[..written], out var d1, out _);

            // Assert: FreeD LSBs are 1/32768° and 1/64 mm; half an LSB of rounding each way.
            Assert.Equal(OperationStatus.Done, status);
            Assert.Equal(3, d1.CameraId);
            Assert.True(Math.Abs(PanTiltRoll.Wrap(d1.PanDegrees - pan)) <= 0.5 / 32768 + 1e-9);
            Assert.True(Math.Abs(d1.TiltDegrees - tilt) <= 0.5 / 32768 + 1e-9);
            Assert.True(Math.Abs(d1.RollDegrees - roll) <= 0.5 / 32768 + 1e-9);
            var back = FreeDMapping.ToSample(d1, 0);
            Assert.True(Math.Abs(back.Position.X - position.X) <= 0.5 / 64 / 1000 + 1e-12);
            Assert.True(Math.Abs(back.Position.Y - position.Y) <= 0.5 / 64 / 1000 + 1e-12);
            Assert.True(Math.Abs(back.Position.Z - position.Z) <= 0.5 / 64 / 1000 + 1e-12);
            Assert.Equal(1234, d1.ZoomRaw);
            Assert.Equal(567, d1.FocusRaw);
        }
    }

    [Fact]
    public void TryWriteFreeD_PositionBeyondFreeDRange_ReturnsFalse()
    {
        // Arrange: ±131 m is the int24 limit.
        var pose = Pose(0, 0, 0, new Vec3(500, 0, 0));

        // Act
        var ok = PoseEncoding.TryWriteFreeD(pose, 1, new byte[FreeDWriter.D1Length], out var written);

        // Assert
        Assert.False(ok);
        Assert.Equal(0, written);
    }

    [Fact]
    public void WriteOsc_Pose_DecodesToPoseAndLensMessages()
    {
        // Arrange
        var pose = Pose(30, -10, 2, new Vec3(1, 2, 3));
        var buffer = new byte[PoseEncoding.MaxOscLength];

        // Act
        var length = PoseEncoding.WriteOsc(pose, 1, buffer);
        var status = OscReader.TryReadPacket(buffer.AsSpan(0, length), out var packet, out _);

        // Assert: positions Z up (x, −z, y).
        Assert.Equal(OperationStatus.Done, status);
        var bundle = Assert.IsType<OscBundle>(packet);
        var poseMessage = Assert.IsType<OscMessage>(bundle.Elements[0]);
        var lensMessage = Assert.IsType<OscMessage>(bundle.Elements[1]);
        Assert.Equal("/camera/1/pose", poseMessage.Address);
        Assert.Equal(",ffffff", poseMessage.TypeTags);
        float[] expected = [1, -3, 2, 30, -10, 2];
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i], (float)poseMessage.Arguments[i].Value!, 4);
        }

        Assert.Equal("/camera/1/lens", lensMessage.Address);
        Assert.Equal(35f, (float)lensMessage.Arguments[0].Value!);
        Assert.Equal(3f, (float)lensMessage.Arguments[1].Value!);
        Assert.Equal(",fff", lensMessage.TypeTags);
    }

    [Fact]
    public void Encode_OpenTrackIO_DecodesWithTheReaderAndCarriesThePose()
    {
        // Arrange
        var encoder = new OtrkPoseEncoder(7, sampleRate: 60) { NextPacketSequence = 65535 };
        var pose = Pose(-45, 5, 0, new Vec3(0.5, 1.6, 2));

        // Act
        var first = encoder.Encode(pose);
        var second = encoder.Encode(pose);
        var status = OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(first[0]), out var header, out var payload, out _);
        OtrkPayload.TryToJson(header.Encoding, payload, out var json, out _, out _);
        OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(second[0]), out var header2, out _, out _);

        // Assert: sequence wraps 65535 → 0; translation metres Z-up; rotation degrees.
        Assert.Equal(OperationStatus.Done, status);
        Assert.Single(first);
        Assert.Equal(65535, header.SequenceNumber);
        Assert.Equal(0, header2.SequenceNumber);
        Assert.NotNull(json);
        Assert.Equal(7, (int)json["sourceNumber"]!);
        Assert.Equal(0u, (uint)json["timing"]!["sequenceNumber"]!);
        var transform = json["transforms"]![0]!;
        Assert.Equal(0.5, (double)transform["translation"]!["x"]!, 12);
        Assert.Equal(-2, (double)transform["translation"]!["y"]!, 12);
        Assert.Equal(1.6, (double)transform["translation"]!["z"]!, 12);
        Assert.Equal(-45, (double)transform["rotation"]!["pan"]!, 9);
        Assert.Equal(5, (double)transform["rotation"]!["tilt"]!, 9);
        Assert.Equal(35, (double)json["lens"]!["pinholeFocalLength"]!);
        Assert.Equal(0.12, (double)json["lens"]!["entrancePupilOffset"]!);
    }

    [Fact]
    public void Encode_SmallSegmentSize_SegmentsAndReassembles()
    {
        // Arrange
        var encoder = new OtrkPoseEncoder(1, maxSegmentPayload: 64);
        var reassembler = new OtrkReassembler(TimeSpan.FromSeconds(1));
        var pose = Pose(10, 0, 0, new Vec3(1, 1, 1));

        // Act
        var packets = encoder.Encode(pose);
        OtrkMessage message = default;
        var done = 0;
        foreach (var packet in packets)
        {
            OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(packet), out var header, out var payload, out _);
            if (reassembler.Add(header, payload, TimeSpan.Zero, out message, out _) == OperationStatus.Done)
            {
                done++;
            }
        }

        OtrkPayload.TryToJson(message.Encoding, message.Payload, out var json, out _, out _);

        // Assert
        Assert.True(packets.Count > 2);
        Assert.Equal(1, done);
        Assert.Equal(10, (double)json!["transforms"]![0]!["rotation"]!["pan"]!, 9);
    }

    [Fact]
    public void MulticastEndPoint_SourceNumber_Is239Dot135Dot1DotN()
    {
        // Arrange / Act
        var endPoint = new OtrkPoseEncoder(42).MulticastEndPoint;

        // Assert (protocols.md §3.2)
        Assert.Equal(IPAddress.Parse("239.135.1.42"), endPoint.Address);
        Assert.Equal(55555, endPoint.Port);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OtrkPoseEncoder(201));
    }

    [Fact]
    public void PublishFreeD_ToLoopback_ArrivesAndDecodes()
    {
        // Arrange
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.ReceiveTimeout = 5000;
        using var publisher = new UdpPosePublisher((IPEndPoint)receiver.LocalEndPoint!);
        var pose = PoseEncoding.FromSample(CameraPath.Create(CameraPathKind.Orbit).Sample(2.5));

        // Act
        Assert.True(publisher.PublishFreeD(pose, 9));
        publisher.PublishOpenTrackIO(new OtrkPoseEncoder(9), pose);
        var buffer = new byte[2048];
        var n1 = receiver.Receive(buffer);
        var freeD = FreeDReader.TryReadDatagram(buffer.AsSpan(0, n1), out var d1, out _);
        var n2 = receiver.Receive(buffer);
        var otrk = OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(buffer, 0, n2), out _, out _, out _);

        // Assert
        Assert.Equal(OperationStatus.Done, freeD);
        Assert.Equal(9, d1.CameraId);
        Assert.Equal(OperationStatus.Done, otrk);
        Assert.Equal(2, publisher.Sent);
    }
}
