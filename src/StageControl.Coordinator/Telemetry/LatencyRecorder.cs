// A small preallocated log-linear histogram of durations (nanoseconds): recording is one bit scan and one
// Interlocked.Increment, so the frame loop and the node writers can record every frame without allocating.
using System.Numerics;

namespace StageControl.Coordinator.Telemetry;

/// <summary>
/// Log-linear histogram (HdrHistogram's layout with 3 sub-bucket bits): values 0..15 ns each have their own bucket;
/// above, every power of two [2^e, 2^(e+1)) is split into 8 equal buckets, so a bucket's width is at most 1/8 of its
/// lower bound (percentiles read back within 12.5 %, reported as the bucket's upper bound). 488 buckets cover all of
/// Int64. Thread-safe for concurrent <see cref="Record"/> calls; readers see a consistent-enough view for display.
/// </summary>
internal sealed class LatencyRecorder
{
    /// <summary>Sub-buckets per power of two, as a shift.</summary>
    private const int SubBits = 3;

    private const int SubCount = 1 << SubBits;

    private const int LinearLimit = 2 * SubCount;

    /// <summary>Number of buckets: 16 linear, then 8 per exponent 4..62.</summary>
    public const int BucketCount = LinearLimit + ((63 - 4) * SubCount);

    private readonly long[] _counts = new long[BucketCount];
    private long _total;
    private long _max;

    /// <summary>Values recorded.</summary>
    public long Count => Volatile.Read(ref _total);

    /// <summary>Largest value recorded, ns.</summary>
    public long Max => Volatile.Read(ref _max);

    /// <summary>Records one value in nanoseconds (negative values count as 0). Allocation-free.</summary>
    public void Record(long valueNs)
    {
        if (valueNs < 0)
        {
            valueNs = 0;
        }

        Interlocked.Increment(ref _counts[BucketOf(valueNs)]);
        Interlocked.Increment(ref _total);
        var max = Volatile.Read(ref _max);
        while (valueNs > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, valueNs, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1), ns: the upper bound of the bucket holding it (capped
    /// at <see cref="Max"/>); 0 when empty.</summary>
    public long Quantile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(Math.Clamp(q, 0, 1) * total);
        if (rank < 1)
        {
            rank = 1;
        }

        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), Max);
            }
        }

        return Max;
    }

    /// <summary>Counts of the buckets at or below each of <paramref name="boundsNs"/> (cumulative per bound, then
    /// differenced), for coarse histograms in status; the last bound should be <see cref="long.MaxValue"/>.</summary>
    public void Bin(ReadOnlySpan<long> boundsNs, Span<long> counts)
    {
        counts.Clear();
        var b = 0;
        for (var i = 0; i < BucketCount && b < boundsNs.Length; i++)
        {
            var c = Volatile.Read(ref _counts[i]);
            if (c == 0)
            {
                continue;
            }

            // A bucket is placed in the first bound that is >= its upper bound (at most 12.5 % coarse).
            while (b < boundsNs.Length - 1 && UpperBound(i) > boundsNs[b])
            {
                b++;
            }

            counts[b] += c;
        }
    }

    /// <summary>A copy of the bucket counts, for <see cref="QuantileBetween"/> (allocates; not for hot paths).</summary>
    public long[] CopyCounts()
    {
        var copy = new long[BucketCount];
        for (var i = 0; i < BucketCount; i++)
        {
            copy[i] = Volatile.Read(ref _counts[i]);
        }

        return copy;
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0..1), ns, of the values recorded between two
    /// <see cref="CopyCounts"/> snapshots: the upper bound of the bucket holding it; 0 when nothing was recorded.
    /// </summary>
    public static long QuantileBetween(long[] before, long[] after, double q)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        long total = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            total += Math.Max(0, after[i] - before[i]);
        }

        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(q, 0, 1) * total));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Math.Max(0, after[i] - before[i]);
            if (seen >= rank)
            {
                return UpperBound(i);
            }
        }

        return UpperBound(BucketCount - 1);
    }

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Volatile.Write(ref _total, 0);
        Volatile.Write(ref _max, 0);
    }

    /// <summary>The bucket of a non-negative value.</summary>
    internal static int BucketOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var e = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var mantissa = (int)(value >> (e - SubBits)) & (SubCount - 1);
        return LinearLimit + ((e - 4) * SubCount) + mantissa;
    }

    /// <summary>The largest value that falls in bucket <paramref name="index"/>.</summary>
    internal static long UpperBound(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var e = 4 + ((index - LinearLimit) / SubCount);
        var m = (index - LinearLimit) % SubCount;
        var upperExclusive = (Int128)(SubCount + m + 1) << (e - SubBits);
        return upperExclusive > long.MaxValue ? long.MaxValue : (long)(upperExclusive - 1);
    }
}
