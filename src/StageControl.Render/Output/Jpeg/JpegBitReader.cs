// Bit-level reader for a scan's entropy-coded data (ITU-T T.81 §F.2.2.5, §B.1.1.5).
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StageControl.Render.Output.Jpeg;

/// <summary>
/// Reads an entropy-coded segment MSB first, dropping the 0x00 stuffed after every 0xFF data byte (T.81 §B.1.1.5).
/// At a marker, or at the end of the data, it supplies zero bits so that look-ahead (16 bits for a Huffman decode)
/// never fails, as libjpeg does; but as soon as a decode actually consumes one of those made-up bits it throws: the
/// entropy-coded data ended before the scan did (truncated or corrupt), and the error names the byte offset.
/// <code>
/// entropy-coded data = { byte | 0xFF 0x00 }*   then a marker 0xFF (0xFF)* code, code ∉ {0x00, 0xFF}
/// </code>
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    // Up to 64 bits, the next one in the most significant bit; _count of them are valid, of which the last _padding
    // (the least significant ones) are zeros supplied after _stop.
    private ulong _bits;
    private int _count;
    private int _padding;

    // −1 while data remains; otherwise the offset of the marker's 0xFF (or the data's length) where the segment ends.
    private int _stop;

    public JpegBitReader(ReadOnlySpan<byte> data, int start)
    {
        _data = data;
        _position = start;
        _stop = -1;
    }

    /// <summary>The offset of the next unread byte: where an error in the data was met, to within a few bytes.</summary>
    public readonly int Offset => _stop >= 0 ? _stop : _position;

    /// <summary>The next 16 bits without consuming them (zeros past the end of the segment).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Peek16()
    {
        if (_count < 16)
        {
            Fill();
        }

        return (int)(_bits >> 48);
    }

    /// <summary>Consumes <paramref name="n"/> (0..16) bits that <see cref="Peek16"/> has shown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int n)
    {
        _bits <<= n;
        _count -= n;
        if (_count < _padding)
        {
            ThrowOverrun();
        }
    }

    /// <summary>Reads <paramref name="n"/> (0..16) bits as an unsigned number, first bit most significant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Bits(int n)
    {
        Debug.Assert(n is >= 0 and <= 16);
        if (n == 0)
        {
            return 0;
        }

        if (_count < n)
        {
            Fill();
        }

        var value = (int)(_bits >> (64 - n));
        Skip(n);
        return value;
    }

    /// <summary>
    /// RECEIVE(s) then EXTEND (T.81 §F.2.2.1, Figure F.12): <paramref name="s"/> (1..16) bits holding a magnitude
    /// category's offset; values below 2^(s−1) are negative.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Extend(int s)
    {
        var v = Bits(s);
        return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
    }

    /// <summary>
    /// Drops the buffered bits (the encoder pads a segment's last byte with 1-bits, §F.1.2.3) and returns the offset of
    /// the 0xFF of the next marker, skipping fill bytes and any stray data; the data's length when there is none.
    /// </summary>
    public int FindMarker()
    {
        _bits = 0;
        _count = 0;
        _padding = 0;
        var p = Offset;
        while (p < _data.Length)
        {
            if (_data[p] != 0xFF)
            {
                p++;
                continue;
            }

            if (p + 1 >= _data.Length)
            {
                return _data.Length;
            }

            var code = _data[p + 1];
            if (code == 0x00)
            {
                p += 2;
            }
            else if (code == 0xFF)
            {
                p++;
            }
            else
            {
                return p;
            }
        }

        return _data.Length;
    }

    /// <summary>Continues with a new segment at <paramref name="start"/> (after an RSTn marker).</summary>
    public void Restart(int start)
    {
        _position = start;
        _bits = 0;
        _count = 0;
        _padding = 0;
        _stop = -1;
    }

    private void Fill()
    {
        while (_count <= 56)
        {
            ulong b = 0;
            if (_stop < 0)
            {
                if (_position < _data.Length && _data[_position] != 0xFF)
                {
                    b = _data[_position++];
                }
                else if (_position + 1 < _data.Length && _data[_position + 1] == 0x00)
                {
                    b = 0xFF;
                    _position += 2;
                }
                else
                {
                    // A marker (0xFF then not 0x00), or the end of the data: the segment is over.
                    _stop = _position;
                    _padding += 8;
                }
            }
            else
            {
                _padding += 8;
            }

            _bits |= b << (56 - _count);
            _count += 8;
        }
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private readonly void ThrowOverrun()
    {
        var where = _stop + 1 >= _data.Length
            ? FormattableString.Invariant($"the data ends at byte {_stop} (truncated)")
            : FormattableString.Invariant($"marker 0xFF{_data[_stop + 1]:X2} at byte {_stop} interrupts it");
        throw new InvalidDataException($"JPEG: the entropy-coded data ends before the scan does: {where}.");
    }
}
