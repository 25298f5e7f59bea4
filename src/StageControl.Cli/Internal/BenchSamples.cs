using System.Diagnostics;

namespace StageControl.Cli.Internal;

/// <summary>
/// Latency samples of a <c>bench</c> run, in nanoseconds: a preallocated array filled from any thread (no allocation
/// and no lock per sample), sorted once at the end for exact percentiles. Samples beyond the capacity are counted in
/// <see cref="Overflow"/>, not kept.
/// </summary>
internal sealed class BenchSamples(int capacity)
{
    private readonly long[] _values = new long[capacity];
    private int _count;
    private long _overflow;
    private bool _sorted;

    /// <summary>Samples kept.</summary>
    public int Count => Math.Min(Volatile.Read(ref _count), _values.Length);

    /// <summary>Samples that fit.</summary>
    public int Capacity => _values.Length;

    /// <summary>Samples that did not fit.</summary>
    public long Overflow => Interlocked.Read(ref _overflow);

    /// <summary>Adds one value (ns); thread-safe.</summary>
    public void Add(long valueNs)
    {
        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _values.Length)
        {
            _values[i] = valueNs;
        }
        else
        {
            Interlocked.Increment(ref _overflow);
        }
    }

    /// <summary>The value at quantile <paramref name="q"/> (nearest rank), in µs; 0 when empty. Call after the run.</summary>
    public double QuantileUs(double q)
    {
        var n = Count;
        if (n == 0)
        {
            return 0;
        }

        if (!_sorted)
        {
            Array.Sort(_values, 0, n);
            _sorted = true;
        }

        var rank = (int)Math.Clamp(Math.Ceiling(q * n), 1, n);
        return _values[rank - 1] / 1000.0;
    }

    /// <summary>Stopwatch ticks as nanoseconds.</summary>
    public static long Ns(long ticks) => (long)((Int128)ticks * 1_000_000_000 / Stopwatch.Frequency);
}
