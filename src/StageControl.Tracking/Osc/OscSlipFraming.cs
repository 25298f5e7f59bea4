using System.Buffers;

namespace StageControl.Tracking.Osc;

/// <summary>
/// OSC 1.1 stream framing: SLIP (RFC 1055) with a double END (Freed &amp; Schmeder, NIME 2009).
/// <code>
/// END(C0) | packet bytes, with C0 → DB DC and DB → DB DD | END(C0)
/// </code>
/// Reading accepts a single END as well (plain RFC 1055) and skips empty frames (END END). Result contract for
/// streams: <see cref="OperationStatus.Done"/> consumes the frame; <see cref="OperationStatus.NeedMoreData"/>
/// consumes nothing; <see cref="OperationStatus.InvalidData"/> consumes the bad frame (up to its closing END) so
/// the stream can go on.
/// </summary>
public static class OscSlipFraming
{
    /// <summary>Frame delimiter.</summary>
    public const byte End = 0xC0;

    /// <summary>Escape byte.</summary>
    public const byte Esc = 0xDB;

    /// <summary>Escaped END.</summary>
    public const byte EscEnd = 0xDC;

    /// <summary>Escaped ESC.</summary>
    public const byte EscEsc = 0xDD;

    /// <summary>Reads one frame, un-escaping it into <paramref name="destination"/>.</summary>
    public static OperationStatus TryReadFrame(ref SequenceReader<byte> reader, Span<byte> destination, out int written, out OscError error)
    {
        written = 0;
        var start = reader.Consumed;
        reader.AdvancePast(End);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> frame, End, advancePastDelimiter: true))
        {
            reader.Rewind(reader.Consumed - start);
            error = OscError.None;
            return OperationStatus.NeedMoreData;
        }

        var escaped = false;
        foreach (var segment in frame)
        {
            foreach (var b in segment.Span)
            {
                byte value;
                if (escaped)
                {
                    escaped = false;
                    if (b == EscEnd)
                    {
                        value = End;
                    }
                    else if (b == EscEsc)
                    {
                        value = Esc;
                    }
                    else
                    {
                        error = OscError.BadSlipEscape;
                        return OperationStatus.InvalidData;
                    }
                }
                else if (b == Esc)
                {
                    escaped = true;
                    continue;
                }
                else
                {
                    value = b;
                }

                if (written == destination.Length)
                {
                    error = OscError.FrameTooLarge;
                    return OperationStatus.InvalidData;
                }

                destination[written++] = value;
            }
        }

        if (escaped)
        {
            error = OscError.BadSlipEscape;
            return OperationStatus.InvalidData;
        }

        error = OscError.None;
        return OperationStatus.Done;
    }

    /// <summary>The length of <paramref name="packet"/> once framed.</summary>
    public static int GetEncodedLength(ReadOnlySpan<byte> packet)
        => 2 + packet.Length + packet.Count(End) + packet.Count(Esc);

    /// <summary>Frames <paramref name="packet"/> (double END) into <paramref name="destination"/>; returns the length.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int Encode(ReadOnlySpan<byte> packet, Span<byte> destination)
    {
        if (destination.Length < GetEncodedLength(packet))
        {
            throw new ArgumentException("The destination is too small for the SLIP frame.", nameof(destination));
        }

        var n = 0;
        destination[n++] = End;
        foreach (var b in packet)
        {
            if (b == End)
            {
                destination[n++] = Esc;
                destination[n++] = EscEnd;
            }
            else if (b == Esc)
            {
                destination[n++] = Esc;
                destination[n++] = EscEsc;
            }
            else
            {
                destination[n++] = b;
            }
        }

        destination[n++] = End;
        return n;
    }
}
