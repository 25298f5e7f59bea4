// One Huffman table from a DHT segment, ready for decoding (ITU-T T.81 Annex C and §F.2.2.3).
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StageControl.Render.Output.Jpeg;

/// <summary>
/// A canonical Huffman table built from BITS (the number of codes of each length 1..16) and HUFFVAL (the symbols in
/// code order), as T.81 Annex C generates HUFFSIZE/HUFFCODE. Codes of up to <see cref="FastBits"/> bits are found with
/// one lookup in a 2^9 table; longer ones with the MAXCODE/VALPTR − MINCODE comparison of the DECODE procedure
/// (§F.2.2.3, Figure F.16).
/// </summary>
internal sealed class JpegHuffmanTable
{
    private const int FastBits = 9;

    // (length << 8) | symbol for every 9-bit prefix that starts with a code of ≤ 9 bits; 0 where the code is longer.
    private readonly int[] _fast = new int[1 << FastBits];

    // Per code length 1..16: the largest code of that length (−1 when there is none), and VALPTR − MINCODE.
    private readonly int[] _maxCode = new int[17];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values;

    private JpegHuffmanTable(byte[] values) => _values = values;

    /// <summary>
    /// Builds a table from the 16 BITS counts and the symbols; <paramref name="at"/> (the DHT's byte offset) is for the
    /// message when the counts describe more codes than the lengths can hold.
    /// </summary>
    public static JpegHuffmanTable Create(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values, int at)
    {
        var table = new JpegHuffmanTable(values.ToArray());
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            int n = counts[length - 1];
            table._maxCode[length] = -1;
            if (n > 0)
            {
                table._valueOffset[length] = k - code;
                for (var i = 0; i < n; i++)
                {
                    // Annex C: the codes of each length must fit in that many bits (an over-subscribed table is corrupt).
                    if (code >= 1 << length)
                    {
                        throw new InvalidDataException(FormattableString.Invariant($"JPEG: the Huffman table in DHT at byte {at} has more codes of length {length} than fit."));
                    }

                    if (length <= FastBits)
                    {
                        var first = code << (FastBits - length);
                        table._fast.AsSpan(first, 1 << (FastBits - length)).Fill((length << 8) | values[k]);
                    }

                    code++;
                    k++;
                }

                table._maxCode[length] = code - 1;
            }

            code <<= 1;
        }

        return table;
    }

    /// <summary>DECODE (§F.2.2.3): the next symbol.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(ref JpegBitReader reader)
    {
        var peek = reader.Peek16();
        var fast = _fast[peek >> (16 - FastBits)];
        if (fast != 0)
        {
            reader.Skip(fast >> 8);
            return fast & 0xFF;
        }

        return DecodeLong(ref reader, peek);
    }

    private int DecodeLong(ref JpegBitReader reader, int peek)
    {
        for (var length = FastBits + 1; length <= 16; length++)
        {
            var code = peek >> (16 - length);
            if (code <= _maxCode[length])
            {
                var index = code + _valueOffset[length];
                if ((uint)index >= (uint)_values.Length)
                {
                    break;
                }

                reader.Skip(length);
                return _values[index];
            }
        }

        ThrowBadCode(reader.Offset);
        return 0;
    }

    [DoesNotReturn]
    private static void ThrowBadCode(int offset) =>
        throw new InvalidDataException(FormattableString.Invariant($"JPEG: no Huffman code matches the entropy-coded data near byte {offset} (corrupt data)."));
}
