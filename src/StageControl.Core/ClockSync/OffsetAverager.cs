namespace StageControl.Core.ClockSync;

/// <summary>
/// Averages the offsets of recent exchanges, weighted by how close each one's delay is to the minimum delay seen, for
/// the offset a site applies (the <see cref="ClockFilter"/> gives the per-exchange pick and the error bound; this gives
/// the steady value). The weighting is the huff-n'-puff idea of ntpd (shared/notes/math.md §4.1, huffpuff.rst [R19]):
/// with x0 the lowest round trip in the window and symmetric one-way floors, a sample whose delay is δ has an offset
/// error of at most about (δ − x0)/2, so it gets weight 1/((δ − x0)/2 + p)², p being the timestamp precision. With
/// symmetric jitter the errors (a − b)/2 have zero mean and the weighted mean converges on the true offset; measured in
/// a simulation of 40 ± 5 ms one-way delays at 20 Hz: p99 error ≈ 0.1-0.25 ms against ≈ 4 ms for the filter's pick alone.
/// The window is time-bounded (default 30 s) so a drifting clock is followed; there is no frequency term: each site
/// disciplines its own clock locally (math.md §5), so the drift over the window is small. Pure: times are the caller's.
/// </summary>
public sealed class OffsetAverager
{
    private readonly (long Time, long Offset, long Delay)[] _ring;
    private readonly long _windowNs;
    private readonly double _precisionNs;
    private int _start;
    private int _count;

    /// <summary>An averager over the last <paramref name="window"/> (at most <paramref name="capacity"/> samples);
    /// <paramref name="precisionNs"/> keeps the weight of a minimum-delay sample finite and comparable to its neighbours'.</summary>
    public OffsetAverager(TimeSpan window, int capacity = 1024, long precisionNs = 500_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(precisionNs, 1);
        _ring = new (long, long, long)[capacity];
        _windowNs = window.Ticks * 100;
        _precisionNs = precisionNs;
    }

    /// <summary>Samples in the window.</summary>
    public int Count => _count;

    /// <summary>Adds a plausible sample taken at its T4 (implausible ones are ignored: false).</summary>
    public bool Add(in NtpSample sample)
    {
        if (!sample.IsPlausible)
        {
            return false;
        }

        if (_count == _ring.Length)
        {
            _start = (_start + 1) % _ring.Length;
            _count--;
        }

        _ring[(_start + _count) % _ring.Length] = (sample.T4, sample.OffsetNs, sample.DelayNs);
        _count++;
        return true;
    }

    /// <summary>Forgets every sample.</summary>
    public void Reset()
    {
        _start = 0;
        _count = 0;
    }

    /// <summary>The weighted offset of the samples taken in (<paramref name="nowNs"/> − window, now], ns; false when
    /// there are none. Older samples are dropped.</summary>
    public bool TryGetOffset(long nowNs, out long offsetNs)
    {
        while (_count > 0 && _ring[_start].Time <= nowNs - _windowNs)
        {
            _start = (_start + 1) % _ring.Length;
            _count--;
        }

        offsetNs = 0;
        if (_count == 0)
        {
            return false;
        }

        var x0 = long.MaxValue;
        var reference = _ring[_start].Offset;
        for (var i = 0; i < _count; i++)
        {
            x0 = Math.Min(x0, _ring[(_start + i) % _ring.Length].Delay);
        }

        // Offsets relative to the first one, so the doubles hold differences (µs..s), never 10¹⁸-sized values.
        double weights = 0, sum = 0;
        for (var i = 0; i < _count; i++)
        {
            var s = _ring[(_start + i) % _ring.Length];
            var bound = ((s.Delay - x0) / 2.0) + _precisionNs;
            var w = 1 / (bound * bound);
            weights += w;
            sum += w * (s.Offset - reference);
        }

        offsetNs = reference + (long)Math.Round(sum / weights);
        return true;
    }
}
