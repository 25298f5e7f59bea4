using System.Buffers;
using System.Buffers.Binary;

namespace StageControl.Tracking.Osc;

/// <summary>
/// OSC 1.0 stream framing: each packet is preceded by its size as a big-endian int32 (OSC 1.0 "OSC Packets").
/// <code>
/// | int32 size | packet (size bytes) |
/// </code>
/// Results: <see cref="OperationStatus.Done"/> consumes prefix and frame and returns the frame as a slice (no
/// copy); <see cref="OperationStatus.NeedMoreData"/> consumes nothing; <see cref="OperationStatus.InvalidData"/>
/// (negative or over-limit size) consumes nothing: the stream cannot be resynchronised and should be closed.
/// </summary>
public static class OscLengthPrefixFraming
{
    /// <summary>Default largest frame accepted (the largest UDP payload, a sane bound for one OSC packet).</summary>
    public const int DefaultMaxFrameLength = 65_507;

    /// <summary>Reads one frame.</summary>
    public static OperationStatus TryReadFrame(
        ref SequenceReader<byte> reader,
        out ReadOnlySequence<byte> frame,
        out OscError error,
        int maxFrameLength = DefaultMaxFrameLength)
    {
        frame = default;
        if (!reader.TryReadBigEndian(out int length))
        {
            error = OscError.None;
            return OperationStatus.NeedMoreData;
        }

        if (length < 0 || length > maxFrameLength)
        {
            reader.Rewind(4);
            error = length < 0 ? OscError.BadFrameLength : OscError.FrameTooLarge;
            return OperationStatus.InvalidData;
        }

        if (reader.Remaining < length)
        {
            reader.Rewind(4);
            error = OscError.None;
            return OperationStatus.NeedMoreData;
        }

        frame = reader.UnreadSequence.Slice(0, length);
        reader.Advance(length);
        error = OscError.None;
        return OperationStatus.Done;
    }

    /// <summary>Writes the size prefix and <paramref name="packet"/>; returns the length written.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int Encode(ReadOnlySpan<byte> packet, Span<byte> destination)
    {
        if (destination.Length < packet.Length + 4)
        {
            throw new ArgumentException("The destination is too small for the frame.", nameof(destination));
        }

        BinaryPrimitives.WriteInt32BigEndian(destination, packet.Length);
        packet.CopyTo(destination[4..]);
        return packet.Length + 4;
    }
}
