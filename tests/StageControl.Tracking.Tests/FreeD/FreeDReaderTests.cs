// FreeD D1/D0 decoder: golden vectors (shared/data freed_d1_vectors.txt, protocols.md §1.8) under the
// segmentation matrix, prefixes, rejections, boundary values from the Vinten manual App. B.
using System.Buffers;
using StageControl.Tests.Shared;
using StageControl.Tracking.FreeD;

namespace StageControl.Tracking.Tests.FreeD;

public sealed class FreeDReaderTests
{
    public static TheoryData<string, FreeDSample> Vectors => new()
    {
        // protocols.md §1.8 / freed_d1_vectors.txt Section 2; raw values = degrees × 32768, mm × 64.
        { "zero_pose_cam1", new FreeDSample(1, 0, 0, 0, 0, 0, 0, 0, 0, 0) },
        { "broadcast_id_ff", new FreeDSample(0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0) },
        { "pose_a", new FreeDSample(3, 10 * 32768, -5 * 32768, 0, 1000 * 64, 2000 * 64, 1500 * 64, 0, 0, 0) },
        { "zcam_style_lens", new FreeDSample(1, 30 * 32768, -10 * 32768, 0, 0, 0, 0, 950, 12300, 0x5118) },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TryRead_GoldenVector_DecodesUnderEverySegmentation(string name, FreeDSample expected)
    {
        // Arrange
        var packet = TestVectors.FreeD(name);

        foreach (var (shape, sequence) in SequenceFactory.All(packet))
        {
            var reader = new SequenceReader<byte>(sequence);

            // Act
            var status = FreeDReader.TryRead(ref reader, out var sample, out var error);

            // Assert
            Assert.True(status == OperationStatus.Done, $"{name} {shape}: {status} {error}");
            Assert.Equal(expected, sample);
            Assert.Equal(29, reader.Consumed);
        }
    }

    [Fact]
    public void TryRead_PoseA_ScalesToDegreesAndMillimetres()
    {
        // Arrange
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(TestVectors.FreeD("pose_a")));

        // Act
        FreeDReader.TryRead(ref reader, out var sample);

        // Assert: protocols.md §1.8 "pan 10 °, tilt −5 °, roll 0, X 1000 mm, Y 2000 mm, Z 1500 mm"
        Assert.Equal((10.0, -5.0, 0.0), (sample.PanDegrees, sample.TiltDegrees, sample.RollDegrees));
        Assert.Equal((1000.0, 2000.0, 1500.0), (sample.XMillimetres, sample.YMillimetres, sample.ZMillimetres));
    }

    [Fact]
    public void TryRead_EveryStrictPrefix_NeedsMoreDataAndConsumesNothing()
    {
        // Arrange
        var packet = TestVectors.FreeD("pose_a");
        for (var length = 0; length < packet.Length; length++)
        {
            foreach (var (shape, sequence) in SequenceFactory.All(packet[..length]))
            {
                var reader = new SequenceReader<byte>(sequence);

                // Act
                var status = FreeDReader.TryRead(ref reader, out _, out var error);

                // Assert
                Assert.True(status == OperationStatus.NeedMoreData, $"prefix {length} {shape}: {status} {error}");
                Assert.Equal(0, reader.Consumed);
            }
        }
    }

    [Fact]
    public void TryRead_TwoMessagesBackToBack_ReadsBothInOrder()
    {
        // Arrange
        var a = TestVectors.FreeD("pose_a");
        var b = TestVectors.FreeD("zcam_style_lens");
        var reader = new SequenceReader<byte>(SequenceFactory.SplitAt([.. a, .. b], 40));

        // Act
        var first = FreeDReader.TryRead(ref reader, out var s1);
        var second = FreeDReader.TryRead(ref reader, out var s2);

        // Assert
        Assert.Equal((OperationStatus.Done, OperationStatus.Done), (first, second));
        Assert.Equal((3, 1), (s1.CameraId, s2.CameraId));
        Assert.True(reader.End);
    }

    [Fact]
    public void TryRead_BadChecksum_InvalidWithReasonButFieldsDecoded()
    {
        // Arrange: freed_d1_vectors.txt Section 4 bad_checksum (0x84, expected 0x83)
        foreach (var (shape, sequence) in SequenceFactory.All(TestVectors.FreeD("bad_checksum")))
        {
            var reader = new SequenceReader<byte>(sequence);

            // Act
            var status = FreeDReader.TryRead(ref reader, out var sample, out var error);

            // Assert
            Assert.Equal(OperationStatus.InvalidData, status);
            Assert.Equal(FreeDError.ChecksumMismatch, error);
            Assert.Equal(0, reader.Consumed);
            Assert.Equal(10.0, sample.PanDegrees);
        }
    }

    [Fact]
    public void TryRead_WrongType_InvalidWrongType()
    {
        // Arrange: Section 4 wrong_type_d2
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(TestVectors.FreeD("wrong_type_d2")));

        // Act
        var status = FreeDReader.TryRead(ref reader, out _, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, FreeDError.WrongType), (status, error));
        Assert.Equal(0, reader.Consumed);
    }

    [Theory]
    [InlineData("truncated_28", FreeDError.WrongLength)]
    [InlineData("wrong_type_d2", FreeDError.WrongType)]
    [InlineData("bad_checksum", FreeDError.ChecksumMismatch)]
    public void TryReadDatagram_InvalidVector_RejectedWithReason(string name, FreeDError expected)
    {
        // Arrange
        var datagram = TestVectors.FreeD(name);

        // Act
        var status = FreeDReader.TryReadDatagram(new ReadOnlySequence<byte>(datagram), out _, out var error);
        var spanStatus = FreeDReader.TryReadDatagram(datagram, out _, out var spanError);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, expected), (status, error));
        Assert.Equal((OperationStatus.InvalidData, expected), (spanStatus, spanError));
    }

    [Fact]
    public void TryReadDatagram_ThirtyBytes_WrongLength()
    {
        // Arrange: one message per datagram (protocols.md §1.9), so a trailing byte is an error
        var datagram = new byte[30];
        TestVectors.FreeD("pose_a").CopyTo(datagram, 0);

        // Act
        var status = FreeDReader.TryReadDatagram(SequenceFactory.SplitAt(datagram, 10), out _, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, FreeDError.WrongLength), (status, error));
    }

    [Theory]
    [InlineData(0xA60000, -180.0)]
    [InlineData(0x5A0000, 180.0)]
    [InlineData(0xD30000, -90.0)]
    [InlineData(0x2D0000, 90.0)]
    [InlineData(0xFFFFFF, -1.0 / 32768)]
    public void TryRead_ManualBoundaryAngles_SignExtended(int field, double expectedDegrees)
    {
        // Arrange: Vinten manual App. B ranges (freed_d1_vectors.txt Section 1), written into pan and roll
        var packet = Packet(pan: field, x: 0);

        // Act
        FreeDReader.TryReadDatagram(packet, out var sample, out var error);

        // Assert
        Assert.Equal(FreeDError.None, error);
        Assert.Equal(expectedDegrees, sample.PanDegrees);
    }

    [Theory]
    [InlineData(0x800000, -131072.0)]
    [InlineData(0x7FFFFF, 131071.984375)]
    [InlineData(0xFFFFFF, -0.015625)]
    public void TryRead_ManualBoundaryPositions_SignExtended(int field, double expectedMm)
    {
        // Arrange: Vinten manual App. B ranges (freed_d1_vectors.txt Section 1)
        var packet = Packet(pan: 0, x: field);

        // Act
        FreeDReader.TryReadDatagram(packet, out var sample, out _);

        // Assert
        Assert.Equal(expectedMm, sample.XMillimetres);
    }

    [Theory]
    [InlineData("d0ff0071", 0xFF, FreeDCommandCode.StopStream)]
    [InlineData("d0ff0170", 0xFF, FreeDCommandCode.StartStream)]
    [InlineData("d001d19e", 0x01, FreeDCommandCode.PollPosition)]
    [InlineData("d0ffd29f", 0xFF, FreeDCommandCode.SystemStatus)]
    [InlineData("d0ff026f", 0xFF, FreeDCommandCode.StopFreeze)]
    [InlineData("d0ff036e", 0xFF, FreeDCommandCode.StartFreeze)]
    public void TryReadCommand_D0Vector_DecodesAndReencodes(string hex, byte camera, FreeDCommandCode code)
    {
        // Arrange: freed_d1_vectors.txt Section 3 (Vinten manual App. A.3.1)
        var bytes = Convert.FromHexString(hex);
        foreach (var (shape, sequence) in SequenceFactory.All(bytes))
        {
            var reader = new SequenceReader<byte>(sequence);

            // Act
            var status = FreeDReader.TryReadCommand(ref reader, out var command, out var error);

            // Assert
            Assert.True(status == OperationStatus.Done, $"{shape}: {error}");
            Assert.Equal(new FreeDCommand(camera, code), command);
        }

        var encoded = new byte[4];
        FreeDWriter.WriteCommand(new FreeDCommand(camera, code), encoded);
        Assert.Equal(bytes, encoded);
    }

    [Fact]
    public void TryReadCommand_BadChecksumAndPrefix_RejectedOrWaiting()
    {
        // Arrange
        var bad = new SequenceReader<byte>(new ReadOnlySequence<byte>(Convert.FromHexString("d0ff0072")));
        var prefix = new SequenceReader<byte>(new ReadOnlySequence<byte>(Convert.FromHexString("d0ff01")));

        // Act
        var badStatus = FreeDReader.TryReadCommand(ref bad, out _, out var badError);
        var prefixStatus = FreeDReader.TryReadCommand(ref prefix, out _, out _);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, FreeDError.ChecksumMismatch), (badStatus, badError));
        Assert.Equal(OperationStatus.NeedMoreData, prefixStatus);
        Assert.Equal(0, prefix.Consumed);
    }

    private static byte[] Packet(int pan, int x)
    {
        var bytes = TestVectors.FreeD("zero_pose_cam1");
        bytes[2] = (byte)(pan >> 16);
        bytes[3] = (byte)(pan >> 8);
        bytes[4] = (byte)pan;
        bytes[11] = (byte)(x >> 16);
        bytes[12] = (byte)(x >> 8);
        bytes[13] = (byte)x;
        var sum = 0;
        for (var i = 0; i < 28; i++)
        {
            sum += bytes[i];
        }

        bytes[28] = unchecked((byte)(0x40 - sum));
        return bytes;
    }
}
