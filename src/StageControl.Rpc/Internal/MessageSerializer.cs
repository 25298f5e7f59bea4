// Frames outgoing messages: serialize into a reusable buffer (the length must be known before the prefix), then
// copy prefix + payload into the transport's writer (shared/notes/grpc-wire.md §1.2).
using System.Buffers;

namespace StageControl.Rpc.Internal;

/// <summary>Per-call serializer; not thread-safe (one outstanding write per stream).</summary>
internal sealed class MessageSerializer<T>(Action<T, IBufferWriter<byte>> serializer)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    /// <summary>Writes <paramref name="message"/> framed into <paramref name="destination"/>.</summary>
    public void WriteFramed(T message, IBufferWriter<byte> destination)
    {
        _buffer.ResetWrittenCount();
        serializer(message, _buffer);
        MessageFraming.WriteMessage(destination, _buffer.WrittenSpan);
    }

    /// <summary>The framed bytes of <paramref name="message"/> as a fresh array (for stream-based transports).</summary>
    public ReadOnlyMemory<byte> Frame(T message)
    {
        _buffer.ResetWrittenCount();
        serializer(message, _buffer);
        var framed = new byte[MessageFraming.HeaderSize + _buffer.WrittenCount];
        MessageFraming.WriteHeader(framed, _buffer.WrittenCount);
        _buffer.WrittenSpan.CopyTo(framed.AsSpan(MessageFraming.HeaderSize));
        return framed;
    }
}
