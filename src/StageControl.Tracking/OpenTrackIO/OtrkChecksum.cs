using System.Buffers;

namespace StageControl.Tracking.OpenTrackIO;

/// <summary>
/// Fletcher-16 as OpenTrackIO 1.0.1 defines it (PR #197; protocols.md §3.4): two 8-bit sums start at 0 and run over
/// header bytes 0–13 and then the payload (the checksum bytes themselves are excluded):
/// <c>sum1 = (sum1 + b) mod 256; sum2 = (sum2 + sum1) mod 256</c>; result <c>sum2 × 256 + sum1</c>, sent big-endian.
/// 1.0.0 producers used two other variants (mod 255 with sum2 high; mod 256 byte-swapped), available here for a
/// tolerant receiver.
/// </summary>
internal static class OtrkChecksum
{
    /// <summary>The 1.0.1 checksum.</summary>
    public static ushort Compute(ReadOnlySpan<byte> header, ReadOnlySequence<byte> payload)
    {
        uint sum1 = 0, sum2 = 0;
        Add(header[..14], ref sum1, ref sum2, 256);
        foreach (var segment in payload)
        {
            Add(segment.Span, ref sum1, ref sum2, 256);
        }

        return (ushort)((sum2 << 8) | sum1);
    }

    /// <summary>The 1.0.1 checksum of a contiguous payload.</summary>
    public static ushort Compute(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        uint sum1 = 0, sum2 = 0;
        Add(header[..14], ref sum1, ref sum2, 256);
        Add(payload, ref sum1, ref sum2, 256);
        return (ushort)((sum2 << 8) | sum1);
    }

    /// <summary>Whether <paramref name="expected"/> matches one of the 1.0.0 variants.</summary>
    public static bool MatchesLegacy(ReadOnlySpan<byte> header, ReadOnlySequence<byte> payload, ushort expected)
    {
        uint a1 = 0, a2 = 0;
        Add(header[..14], ref a1, ref a2, 255);
        foreach (var segment in payload)
        {
            Add(segment.Span, ref a1, ref a2, 255);
        }

        var current = Compute(header, payload);
        var swapped = (ushort)((current << 8) | (current >> 8));
        return expected == (ushort)((a2 << 8) | a1) || expected == swapped;
    }

    private static void Add(ReadOnlySpan<byte> data, ref uint sum1, ref uint sum2, uint modulus)
    {
        foreach (var b in data)
        {
            sum1 = (sum1 + b) % modulus;
            sum2 = (sum2 + sum1) % modulus;
        }
    }
}
