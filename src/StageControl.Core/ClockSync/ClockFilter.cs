namespace StageControl.Core.ClockSync;

/// <summary>
/// The NTP clock filter (shared/notes/math.md §4.1; ntpd filter.rst [R19], RFC 5905 §10): a shift register of the last
/// <see cref="Stages"/> samples (offset, delay, dispersion, time). Each new sample is shifted in; the sample with the
/// lowest delay is chosen (ties go to the newest); the dispersion of every sample grows at 15 µs per second of age;
/// jitter is the RMS of the other offsets against the chosen one. A chosen sample older than the one used last is
/// never used again: the filter reports no update rather than switch back in time ([R19]: "never switch back to an
/// older sample"). Pure: times are the caller's integer nanoseconds; nothing reads a clock.
/// </summary>
public sealed class ClockFilter
{
    /// <summary>Samples kept.</summary>
    public const int Stages = 8;

    /// <summary>Dispersion growth, ns per second of sample age: PHI = 15 ppm (RFC 5905 §7.3, [R19]).</summary>
    public const double DispersionRatePerSecondNs = 15_000;

    private readonly Stage[] _stages = new Stage[Stages];
    private int _count;
    private int _next;
    private long _lastUsedTime = long.MinValue;

    /// <summary>The estimate from the last update, or null before the first sample.</summary>
    public ClockEstimate? Current { get; private set; }

    /// <summary>Samples in the register (0..8).</summary>
    public int Count => _count;

    /// <summary>Shifts in <paramref name="sample"/> (taken at its T4) with its timestamp precision as initial dispersion.
    /// True when the chosen sample is newer than the one used last (<see cref="Current"/> changed); false when the
    /// minimum-delay sample is an older one (no update) or the sample is implausible (δ &lt; 0: not shifted in).</summary>
    public bool Add(in NtpSample sample, long precisionNs = 0)
    {
        if (!sample.IsPlausible)
        {
            return false;
        }

        _stages[_next] = new Stage(sample.OffsetNs, sample.DelayNs, Math.Max(0, precisionNs), sample.T4);
        _next = (_next + 1) % Stages;
        _count = Math.Min(_count + 1, Stages);

        // Lowest delay; among equals the newest (ntpd sorts stably by delay, newest first).
        var best = -1;
        for (var i = 0; i < _count; i++)
        {
            var s = _stages[i];
            if (best < 0 || s.Delay < _stages[best].Delay || (s.Delay == _stages[best].Delay && s.Time > _stages[best].Time))
            {
                best = i;
            }
        }

        var chosen = _stages[best];
        if (chosen.Time <= _lastUsedTime)
        {
            return false;
        }

        double sum = 0;
        for (var i = 0; i < _count; i++)
        {
            if (i != best)
            {
                double d = _stages[i].Offset - chosen.Offset;
                sum += d * d;
            }
        }

        var jitter = _count > 1 ? Math.Sqrt(sum / (_count - 1)) : 0;
        _lastUsedTime = chosen.Time;
        Current = new ClockEstimate(chosen.Offset, chosen.Delay, chosen.Time, chosen.Dispersion, jitter, _count);
        return true;
    }

    /// <summary>Forgets every sample (a new path: the old delays say nothing about it).</summary>
    public void Reset()
    {
        _count = 0;
        _next = 0;
        _lastUsedTime = long.MinValue;
        Current = null;
    }

    /// <summary>Round-trip delays of the samples held (for jitter margins), in no particular order.</summary>
    public int CopyDelays(Span<long> destination)
    {
        var n = Math.Min(_count, destination.Length);
        for (var i = 0; i < n; i++)
        {
            destination[i] = _stages[i].Delay;
        }

        return n;
    }

    private readonly record struct Stage(long Offset, long Delay, long Dispersion, long Time);
}
