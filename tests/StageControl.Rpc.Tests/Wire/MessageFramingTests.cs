// Framing of length-prefixed messages (grpc/grpc doc/PROTOCOL-HTTP2.md "Length-Prefixed-Message") under the
// segmentation matrix and prefix rule of shared/STYLE.md "Tests".
using FsCheck;
using FsCheck.Fluent;
using System.Buffers;
using StageControl.Rpc;
using StageControl.Rpc.Internal;
using StageControl.Tests.Shared;

namespace StageControl.Rpc.Tests.Wire;

public sealed class MessageFramingTests
{
    // Two messages: "hi" (2 bytes) then an empty message, hand-assembled from the spec layout.
    private static readonly byte[] s_twoMessages = [0x00, 0x00, 0x00, 0x00, 0x02, (byte)'h', (byte)'i', 0x00, 0x00, 0x00, 0x00, 0x00];

    [Fact]
    public void TryReadMessage_SegmentationMatrix_ReadsBothMessagesInEveryShape()
    {
        foreach (var (shape, sequence) in SequenceFactory.All(s_twoMessages))
        {
            // Arrange
            var buffer = sequence;

            // Act
            var first = MessageFraming.TryReadMessage(buffer, 100, out var m1, out var c1, out _);
            var firstBytes = m1.ToArray();
            var rest = buffer.Slice(c1);
            var second = MessageFraming.TryReadMessage(rest, 100, out var m2, out var c2, out _);
            var tail = rest.Slice(c2);

            // Assert
            Assert.True(first == OperationStatus.Done, shape);
            Assert.Equal("hi"u8.ToArray(), firstBytes);
            Assert.True(second == OperationStatus.Done, shape);
            Assert.Equal(0, m2.Length);
            Assert.Equal(0, tail.Length);
        }
    }

    [Fact]
    public void TryReadMessage_EveryStrictPrefix_NeedsMoreDataAndConsumesNothing()
    {
        var frame = s_twoMessages[..7];
        for (var length = 0; length < frame.Length; length++)
        {
            foreach (var (shape, sequence) in SequenceFactory.All(frame[..length]))
            {
                // Act
                var status = MessageFraming.TryReadMessage(sequence, 100, out _, out var consumed, out var error);

                // Assert
                Assert.True(status == OperationStatus.NeedMoreData, $"{length} {shape}");
                Assert.Equal(sequence.Start, consumed);
                Assert.Equal(FrameError.None, error);
            }
        }
    }

    [Fact]
    public void TryReadMessage_DeclaredLengthAboveLimit_FailsOnThePrefixAlone()
    {
        // Arrange: a prefix declaring 4 MiB + 1 with no body bytes buffered yet.
        byte[] prefix = [0x00, 0x00, 0x40, 0x00, 0x01];

        // Act
        var status = MessageFraming.TryReadMessage(new ReadOnlySequence<byte>(prefix), 4 * 1024 * 1024, out _, out _, out var error);

        // Assert
        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(FrameError.TooLarge, error);
        Assert.Equal(StatusCode.ResourceExhausted, MessageFraming.ToStatus(error, 4 * 1024 * 1024).StatusCode);
    }

    [Fact]
    public void TryReadMessage_LengthEqualToLimit_IsAccepted()
    {
        // Arrange
        var frame = new byte[5 + 10];
        MessageFraming.WriteHeader(frame, 10);

        // Act
        var status = MessageFraming.TryReadMessage(new ReadOnlySequence<byte>(frame), 10, out var message, out _, out _);

        // Assert
        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(10, message.Length);
    }

    [Theory]
    [InlineData(0x01, (int)FrameError.Compressed, StatusCode.Internal)]
    [InlineData(0x02, (int)FrameError.BadFlag, StatusCode.Internal)]
    [InlineData(0xFF, (int)FrameError.BadFlag, StatusCode.Internal)]
    public void TryReadMessage_NonZeroFlag_IsInvalid(byte flag, int expectedError, StatusCode code)
    {
        var expected = (FrameError)expectedError;

        // Arrange
        byte[] frame = [flag, 0x00, 0x00, 0x00, 0x01, 0x41];

        // Act
        var status = MessageFraming.TryReadMessage(new ReadOnlySequence<byte>(frame), 100, out _, out _, out var error);

        // Assert
        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(expected, error);
        Assert.Equal(code, MessageFraming.ToStatus(error, 100).StatusCode);
    }

    [Fact]
    public void WriteMessage_ThenRead_RoundTripsArbitraryPayloads()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), payload =>
        {
            // Arrange
            var writer = new ArrayBufferWriter<byte>();

            // Act
            MessageFraming.WriteMessage(writer, payload);
            var bytes = writer.WrittenSpan.ToArray();
            var status = MessageFraming.TryReadMessage(SequenceFactory.BytePerSegment(bytes), int.MaxValue, out var message, out _, out _);

            // Assert
            return bytes.Length == payload.Length + 5
                && bytes[0] == 0
                && (bytes[1] << 24 | bytes[2] << 16 | bytes[3] << 8 | bytes[4]) == payload.Length
                && status == OperationStatus.Done
                && message.ToArray().AsSpan().SequenceEqual(payload);
        }).QuickCheckThrowOnFailure();
    }
}
