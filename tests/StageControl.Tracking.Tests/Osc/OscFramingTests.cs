// OSC stream framings: SLIP double-END (OSC 1.1, RFC 1055) and int32 length prefix (OSC 1.0), with the
// osc_vectors.txt §D/§E vectors, segmentation matrix and prefix tests.
using System.Buffers;
using StageControl.Tests.Shared;
using StageControl.Tracking.Osc;

namespace StageControl.Tracking.Tests.Osc;

public sealed class OscFramingTests
{
    [Theory]
    [InlineData("slip_spec_oscillator_freq_440")]
    [InlineData("slip_payload_with_END_and_ESC_bytes")]
    public void SlipTryReadFrame_Vector_UnescapesUnderEverySegmentation(string name)
    {
        // Arrange
        var (raw, slip) = TestVectors.OscSlip(name);
        foreach (var (shape, sequence) in SequenceFactory.All(slip))
        {
            var reader = new SequenceReader<byte>(sequence);
            var buffer = new byte[64];

            // Act
            var status = OscSlipFraming.TryReadFrame(ref reader, buffer, out var written, out var error);

            // Assert
            Assert.True(status == OperationStatus.Done, $"{shape}: {error}");
            Assert.Equal(raw, buffer[..written]);
            Assert.True(reader.End);
        }
    }

    [Theory]
    [InlineData("slip_spec_oscillator_freq_440")]
    [InlineData("slip_payload_with_END_and_ESC_bytes")]
    public void SlipEncode_Vector_MatchesGoldenFrame(string name)
    {
        // Arrange
        var (raw, slip) = TestVectors.OscSlip(name);
        var buffer = new byte[OscSlipFraming.GetEncodedLength(raw)];

        // Act
        var written = OscSlipFraming.Encode(raw, buffer);

        // Assert
        Assert.Equal(slip, buffer[..written]);
    }

    [Fact]
    public void SlipTryReadFrame_EveryStrictPrefix_NeedsMoreDataConsumingNothing()
    {
        // Arrange
        var (_, slip) = TestVectors.OscSlip("slip_payload_with_END_and_ESC_bytes");
        for (var length = 0; length < slip.Length; length++)
        {
            foreach (var (shape, sequence) in SequenceFactory.All(slip[..length]))
            {
                var reader = new SequenceReader<byte>(sequence);

                // Act
                var status = OscSlipFraming.TryReadFrame(ref reader, new byte[64], out _, out _);

                // Assert
                Assert.True(status == OperationStatus.NeedMoreData, $"prefix {length} {shape}: {status}");
                Assert.Equal(0, reader.Consumed);
            }
        }
    }

    [Fact]
    public void SlipTryReadFrame_TwoFramesInAStream_ReadsBothThenWaits()
    {
        // Arrange: END p1 END END p2 END, then the start of a third frame
        var (raw1, slip1) = TestVectors.OscSlip("slip_spec_oscillator_freq_440");
        var (raw2, slip2) = TestVectors.OscSlip("slip_payload_with_END_and_ESC_bytes");
        var reader = new SequenceReader<byte>(SequenceFactory.BytePerSegment([.. slip1, .. slip2, 0xC0, 0x2F]));
        var buffer = new byte[64];

        // Act
        var s1 = OscSlipFraming.TryReadFrame(ref reader, buffer, out var n1, out _);
        var frame1 = buffer[..n1];
        var s2 = OscSlipFraming.TryReadFrame(ref reader, buffer, out var n2, out _);
        var frame2 = buffer[..n2];
        var consumed = reader.Consumed;
        var s3 = OscSlipFraming.TryReadFrame(ref reader, buffer, out _, out _);

        // Assert
        Assert.Equal((OperationStatus.Done, OperationStatus.Done, OperationStatus.NeedMoreData), (s1, s2, s3));
        Assert.Equal(raw1, frame1);
        Assert.Equal(raw2, frame2);
        Assert.Equal(consumed, reader.Consumed);
    }

    [Theory]
    [InlineData("c02fdb41c0", OscError.BadSlipEscape)]
    [InlineData("c02fdbc0", OscError.BadSlipEscape)]
    [InlineData("c0010203040506c0", OscError.FrameTooLarge)]
    public void SlipTryReadFrame_BadFrame_InvalidAndSkipped(string hex, OscError expected)
    {
        // Arrange: destination of 4 bytes for the too-large case
        var bytes = Convert.FromHexString(hex);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));

        // Act
        var status = OscSlipFraming.TryReadFrame(ref reader, new byte[4], out _, out var error);

        // Assert: the bad frame is consumed so the stream can continue
        Assert.Equal((OperationStatus.InvalidData, expected), (status, error));
        Assert.True(reader.End);
    }

    [Fact]
    public void LengthPrefixTryReadFrame_Vector_SlicesPacketUnderEverySegmentation()
    {
        // Arrange: osc_vectors.txt §E
        var framed = TestVectors.Osc("lenprefix_spec_oscillator_freq_440");
        var raw = TestVectors.Osc("spec_oscillator_freq_440");
        foreach (var (shape, sequence) in SequenceFactory.All(framed))
        {
            var reader = new SequenceReader<byte>(sequence);

            // Act
            var status = OscLengthPrefixFraming.TryReadFrame(ref reader, out var frame, out _);

            // Assert
            Assert.True(status == OperationStatus.Done, shape);
            Assert.Equal(raw, frame.ToArray());
            Assert.True(reader.End);
        }
    }

    [Fact]
    public void LengthPrefixTryReadFrame_EveryStrictPrefix_NeedsMoreDataConsumingNothing()
    {
        // Arrange
        var framed = TestVectors.Osc("lenprefix_spec_oscillator_freq_440");
        for (var length = 0; length < framed.Length; length++)
        {
            foreach (var (shape, sequence) in SequenceFactory.All(framed[..length]))
            {
                var reader = new SequenceReader<byte>(sequence);

                // Act
                var status = OscLengthPrefixFraming.TryReadFrame(ref reader, out _, out _);

                // Assert
                Assert.True(status == OperationStatus.NeedMoreData, $"prefix {length} {shape}");
                Assert.Equal(0, reader.Consumed);
            }
        }
    }

    [Theory]
    [InlineData("ffffffff", OscError.BadFrameLength)]
    [InlineData("7fffffff", OscError.FrameTooLarge)]
    public void LengthPrefixTryReadFrame_BadLength_InvalidConsumingNothing(string hex, OscError expected)
    {
        // Arrange
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Convert.FromHexString(hex)));

        // Act
        var status = OscLengthPrefixFraming.TryReadFrame(ref reader, out _, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, expected), (status, error));
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void LengthPrefixEncode_Packet_MatchesGoldenFrame()
    {
        // Arrange
        var raw = TestVectors.Osc("spec_oscillator_freq_440");
        var buffer = new byte[raw.Length + 4];

        // Act
        OscLengthPrefixFraming.Encode(raw, buffer);

        // Assert
        Assert.Equal(TestVectors.Osc("lenprefix_spec_oscillator_freq_440"), buffer);
    }
}
