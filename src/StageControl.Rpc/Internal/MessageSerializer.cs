// Frames outgoing messages: serialize into a reusable buffer (the length must be known before the prefix), then
// copy prefix + payload into the transport's writer (shared/notes/grpc-wire.md §1.2).
using System.Buffers;

namespace StageControl.Rpc.Internal;

/// <summary>Per-call serializer; not thread-safe (one outstanding write per stream).</summary>
internal sealed class MessageSerializer<T>(Action<T, IBufferWriter<byte>> serializer)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private byte[] _framed = [];

    /// <summary>Writes <paramref name="message"/> framed into <paramref name="destination"/>.</summary>
    public void WriteFramed(T message, IBufferWriter<byte> destination)
    {
        _buffer.ResetWrittenCount();
        serializer(message, _buffer);
        MessageFraming.WriteMessage(destination, _buffer.WrittenSpan);
    }

    /// <summary>
    /// The framed bytes of <paramref name="message"/> (for stream-based transports), in an array this serializer reuses:
    /// valid until the next call, so the caller must be done with them (its write awaited) before framing again.
    /// </summary>
    public ReadOnlyMemory<byte> Frame(T message)
    {
        _buffer.ResetWrittenCount();
        serializer(message, _buffer);
        var length = MessageFraming.HeaderSize + _buffer.WrittenCount;
        if (_framed.Length < length)
        {
            _framed = new byte[Math.Max(length, 2 * _framed.Length)];
        }

        MessageFraming.WriteHeader(_framed, _buffer.WrittenCount);
        _buffer.WrittenSpan.CopyTo(_framed.AsSpan(MessageFraming.HeaderSize));
        return _framed.AsMemory(0, length);
    }
}
