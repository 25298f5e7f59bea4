// gRPC length-prefixed message framing (grpc/grpc doc/PROTOCOL-HTTP2.md "Length-Prefixed-Message";
// shared/notes/grpc-wire.md §1.2). Pure: works on ReadOnlySequence / IBufferWriter, no pipes, no sockets.
//
//   0        1                 5
//   +--------+-----------------+----------------------------+
//   | flag   | length u32 (BE) | message bytes (length)     |
//   +--------+-----------------+----------------------------+
//   flag: 0 = identity, 1 = compressed with grpc-encoding. DATA frame boundaries are unrelated to messages.
using System.Buffers;
using System.Buffers.Binary;

namespace StageControl.Rpc.Internal;

/// <summary>Why a frame could not be read.</summary>
internal enum FrameError
{
    None = 0,

    /// <summary>The declared length exceeds the receive limit (→ RESOURCE_EXHAUSTED).</summary>
    TooLarge = 1,

    /// <summary>The compressed flag is set; only identity is supported (→ INTERNAL, §1.7).</summary>
    Compressed = 2,

    /// <summary>The flag byte is neither 0 nor 1 (→ INTERNAL).</summary>
    BadFlag = 3,
}

/// <summary>Reads and writes the 5-byte gRPC message prefix.</summary>
internal static class MessageFraming
{
    public const int HeaderSize = 5;

    /// <summary>
    /// Tries to read one whole message from the start of <paramref name="buffer"/>.
    /// <see cref="OperationStatus.Done"/>: <paramref name="message"/> is the payload (a slice of the buffer) and
    /// <paramref name="consumed"/> the position after it. <see cref="OperationStatus.NeedMoreData"/>: nothing is
    /// consumed (<paramref name="consumed"/> = buffer start). <see cref="OperationStatus.InvalidData"/>:
    /// <paramref name="error"/> says why; the size check happens on the prefix alone, before the body is buffered.
    /// </summary>
    public static OperationStatus TryReadMessage(in ReadOnlySequence<byte> buffer, int maxMessageSize, out ReadOnlySequence<byte> message, out SequencePosition consumed, out FrameError error)
    {
        message = default;
        consumed = buffer.Start;
        error = FrameError.None;
        if (buffer.Length < HeaderSize)
        {
            return OperationStatus.NeedMoreData;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var flag = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (flag == 1)
        {
            error = FrameError.Compressed;
            return OperationStatus.InvalidData;
        }

        if (flag != 0)
        {
            error = FrameError.BadFlag;
            return OperationStatus.InvalidData;
        }

        if (length > (uint)maxMessageSize)
        {
            error = FrameError.TooLarge;
            return OperationStatus.InvalidData;
        }

        if (buffer.Length - HeaderSize < length)
        {
            return OperationStatus.NeedMoreData;
        }

        message = buffer.Slice(HeaderSize, length);
        consumed = message.End;
        return OperationStatus.Done;
    }

    /// <summary>Writes the 5-byte prefix for an uncompressed message of <paramref name="length"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, int length)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>Writes one framed, uncompressed message.</summary>
    public static void WriteMessage(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload)
    {
        var span = writer.GetSpan(HeaderSize + payload.Length);
        WriteHeader(span, payload.Length);
        payload.CopyTo(span[HeaderSize..]);
        writer.Advance(HeaderSize + payload.Length);
    }

    /// <summary>The status a framing error maps to (grpc-wire.md §1.5, §1.7).</summary>
    public static Status ToStatus(FrameError error, int maxMessageSize) => error switch
    {
        FrameError.TooLarge => new Status(StatusCode.ResourceExhausted, $"Received message larger than max ({maxMessageSize} bytes)."),
        FrameError.Compressed => new Status(StatusCode.Internal, "Received a compressed message, but only 'identity' encoding is supported."),
        _ => new Status(StatusCode.Internal, "Received a message with an invalid compressed-flag byte."),
    };
}
