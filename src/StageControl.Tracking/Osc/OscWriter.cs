using System.Buffers.Binary;
using System.Text;

namespace StageControl.Tracking.Osc;

/// <summary>
/// Low-level OSC encoder writing into a caller's span (no allocation); the inverse of <see cref="OscReader"/>,
/// layout drawn there. Call the <c>Write…</c> methods in the order of the type tag string you wrote; bundle
/// elements are bracketed by <see cref="BeginElement"/> / <see cref="EndElement(int)"/>, which back-patch the size.
/// Running out of space throws <see cref="ArgumentException"/>: encoding is not fed by the network.
/// </summary>
/// <param name="destination">The buffer to write into.</param>
public ref struct OscWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    /// <summary>Bytes written so far.</summary>
    public readonly int BytesWritten => _position;

    /// <summary>The written bytes.</summary>
    public readonly ReadOnlySpan<byte> Written => _destination[.._position];

    /// <summary>Writes an OSC-string (address, type tags or <c>s</c>/<c>S</c> argument) from UTF-8 bytes.</summary>
    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOf((byte)0) >= 0)
        {
            throw new ArgumentException("An OSC-string cannot contain NUL.", nameof(utf8));
        }

        var padded = (utf8.Length + 4) & ~3;
        var span = Take(padded);
        utf8.CopyTo(span);
        span[utf8.Length..].Clear();
    }

    /// <summary>Writes an OSC-string from text (UTF-8).</summary>
    public void WriteString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An OSC-string cannot contain NUL.", nameof(text));
        }

        var padded = (bytes + 4) & ~3;
        var span = Take(padded);
        Encoding.UTF8.GetBytes(text, span);
        span[bytes..].Clear();
    }

    /// <summary>Writes an OSC-blob: size, bytes, zero padding.</summary>
    public void WriteBlob(ReadOnlySpan<byte> bytes)
    {
        var padded = (bytes.Length + 3) & ~3;
        var span = Take(4 + padded);
        BinaryPrimitives.WriteInt32BigEndian(span, bytes.Length);
        bytes.CopyTo(span[4..]);
        span[(4 + bytes.Length)..].Clear();
    }

    /// <summary>Writes an int32 (<c>i</c>, or the 32-bit <c>c</c>).</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);

    /// <summary>Writes a uint32 (<c>r</c>).</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

    /// <summary>Writes an int64 (<c>h</c>).</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

    /// <summary>Writes a float32 (<c>f</c>).</summary>
    public void WriteFloat32(float value) => BinaryPrimitives.WriteSingleBigEndian(Take(4), value);

    /// <summary>Writes a float64 (<c>d</c>).</summary>
    public void WriteFloat64(double value) => BinaryPrimitives.WriteDoubleBigEndian(Take(8), value);

    /// <summary>Writes a timetag (<c>t</c>, or a bundle's).</summary>
    public void WriteTimeTag(OscTimeTag value) => BinaryPrimitives.WriteUInt64BigEndian(Take(8), value.Raw);

    /// <summary>Writes a MIDI message (<c>m</c>).</summary>
    public void WriteMidi(OscMidi value)
    {
        var span = Take(4);
        span[0] = value.Port;
        span[1] = value.Status;
        span[2] = value.Data1;
        span[3] = value.Data2;
    }

    /// <summary>Writes a bundle header (<c>#bundle\0</c> and the timetag).</summary>
    public void WriteBundleHeader(OscTimeTag timeTag)
    {
        "#bundle\0"u8.CopyTo(Take(8));
        WriteTimeTag(timeTag);
    }

    /// <summary>Reserves a bundle element's size field; returns the token for <see cref="EndElement(int)"/>.</summary>
    public int BeginElement()
    {
        var at = _position;
        Take(4);
        return at;
    }

    /// <summary>Back-patches the size of the element started at <paramref name="token"/>.</summary>
    public readonly void EndElement(int token)
        => BinaryPrimitives.WriteInt32BigEndian(_destination[token..], _position - token - 4);

    private Span<byte> Take(int count)
    {
        if (_destination.Length - _position < count)
        {
            throw new ArgumentException("The destination is too small for the OSC packet.");
        }

        var span = _destination.Slice(_position, count);
        _position += count;
        return span;
    }
}
