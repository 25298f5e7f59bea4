namespace StageControl.Core.Timing;

/// <summary>
/// The stage frame clock: maps an instant, given as integer nanoseconds on a shared timescale, to a frame index and
/// back, for a rational <see cref="FrameRate"/> and a shared epoch E (shared/notes/math.md §5).
/// <list type="bullet">
/// <item>Timescale: integer nanoseconds, e.g. since the Unix/PTP epoch (1970-01-01; SMPTE ST 2059 uses TAI). The
/// clock never reads a clock itself: the caller passes <c>t</c>, so it is pure and testable.</item>
/// <item>Frame index: <c>N(t) = floor((t − E)·num / (den·10⁹))</c>; frame k starts at
/// <c>S(k) = E + ceil(k·den·10⁹ / num)</c>; invariant <c>S(N(t)) ≤ t &lt; S(N(t) + 1)</c>. Products are done in
/// <see cref="Int128"/> and rounded with explicit floor/ceil (C# <c>/</c> truncates toward zero, which is wrong for
/// t &lt; E), so there is no drift after days or decades.</item>
/// <item>Frames before the epoch have negative indices; frame 0 starts exactly at E.</item>
/// </list>
/// The epoch and rate are held together in one immutable snapshot, so <see cref="Adopt"/> (a remote stage adopting the
/// primary's timebase) is atomic with respect to concurrent readers.
/// </summary>
public sealed class FrameClock
{
    /// <summary>Nanoseconds per second.</summary>
    public const long NanosecondsPerSecond = 1_000_000_000;

    private volatile Timebase _timebase;

    /// <summary>A clock with the given epoch (ns on the shared timescale) and rate.</summary>
    public FrameClock(long epochNs, FrameRate rate)
    {
        _timebase = new Timebase(epochNs, CheckRate(rate));
    }

    /// <summary>The shared epoch E in nanoseconds: the instant frame 0 starts. Settable (a remote stage adopts the
    /// primary's epoch).</summary>
    public long EpochNs
    {
        get => _timebase.EpochNs;
        set => _timebase = _timebase with { EpochNs = value };
    }

    /// <summary>The frame rate.</summary>
    public FrameRate Rate => _timebase.Rate;

    /// <summary>Replaces epoch and rate in one step (federation: adopt the primary's timebase).</summary>
    public void Adopt(long epochNs, FrameRate rate) => _timebase = new Timebase(epochNs, CheckRate(rate));

    /// <summary>N(t): the index of the frame in progress at instant <paramref name="tNs"/>.</summary>
    public long FrameIndexAt(long tNs)
    {
        var tb = _timebase;
        return FrameIndexAt(tNs, tb.EpochNs, tb.Rate);
    }

    /// <summary>S(k): the instant (ns) frame <paramref name="frame"/> starts, which is also the instant it is
    /// displayed on a genlocked wall. Throws <see cref="OverflowException"/> when it falls outside Int64.</summary>
    public long FrameStartNs(long frame)
    {
        var tb = _timebase;
        return FrameStartNs(frame, tb.EpochNs, tb.Rate);
    }

    /// <summary>Display time of frame <paramref name="frame"/> shown with a fixed presentation delay of
    /// <paramref name="delayFrames"/> frames (remote content, shared/notes/math.md §5): S(k + D).</summary>
    public long DisplayTimeNs(long frame, long delayFrames = 0) => FrameStartNs(checked(frame + delayFrames));

    /// <summary>Start of the frame after the one in progress at <paramref name="tNs"/>: the next frame boundary
    /// strictly after t.</summary>
    public long NextFrameStartNs(long tNs) => FrameStartNs(checked(FrameIndexAt(tNs) + 1));

    /// <summary>How far (ns, ≥ 0) instant <paramref name="tNs"/> is into its frame: t − S(N(t)).</summary>
    public long TimeIntoFrameNs(long tNs) => tNs - FrameStartNs(FrameIndexAt(tNs));

    /// <summary>The frame period as an exact fraction of nanoseconds, reduced: den·10⁹ / num
    /// (30000/1001 → 1001000000/30 → 100100000/3 ns).</summary>
    public (long Numerator, long Denominator) PeriodNs => ExactPeriodNs(Rate);

    /// <summary>The frame period in nanoseconds as a double, for display and budgets only.</summary>
    public double PeriodNsApprox => (double)Rate.Denominator * NanosecondsPerSecond / Rate.Numerator;

    /// <summary>Pure form of N(t) = floor((t − E)·num / (den·10⁹)).</summary>
    public static long FrameIndexAt(long tNs, long epochNs, FrameRate rate)
    {
        CheckRate(rate);
        Int128 elapsed = (Int128)tNs - epochNs;
        var n = FloorDiv(elapsed * rate.Numerator, (Int128)rate.Denominator * NanosecondsPerSecond);

        // |t − E| < 2^64 ns and rate ≤ 1000 fps, so |n| < 2^64·10⁻⁶ fits in Int64.
        return (long)n;
    }

    /// <summary>Pure form of S(k) = E + ceil(k·den·10⁹ / num). Throws <see cref="OverflowException"/> when the
    /// instant is outside Int64 nanoseconds (about ±292 years).</summary>
    public static long FrameStartNs(long frame, long epochNs, FrameRate rate)
    {
        CheckRate(rate);

        // |k·den·10⁹| ≤ 2^63·10⁹·10⁹ < 2^127: no Int128 overflow.
        var offset = CeilDiv((Int128)frame * rate.Denominator * NanosecondsPerSecond, rate.Numerator);
        var start = offset + epochNs;
        if (start > long.MaxValue || start < long.MinValue)
        {
            throw new OverflowException($"frame {frame} at {rate} starts outside the Int64 nanosecond range");
        }

        return (long)start;
    }

    /// <summary>den·10⁹ / num reduced to lowest terms.</summary>
    public static (long Numerator, long Denominator) ExactPeriodNs(FrameRate rate)
    {
        CheckRate(rate);
        var p = rate.Denominator * NanosecondsPerSecond; // ≤ 10⁹·10⁹ = 10¹⁸ < 2^63
        var q = rate.Numerator;
        var g = Gcd(p, q);
        return (p / g, q / g);
    }

    /// <summary>floor(a / b) for b &gt; 0 (C# division truncates toward zero; [R39] in math.md).</summary>
    internal static Int128 FloorDiv(Int128 a, Int128 b)
    {
        var q = Int128.DivRem(a, b);
        return q.Remainder != 0 && (q.Remainder < 0) != (b < 0) ? q.Quotient - 1 : q.Quotient;
    }

    /// <summary>ceil(a / b) for b ≠ 0.</summary>
    internal static Int128 CeilDiv(Int128 a, Int128 b)
    {
        var q = Int128.DivRem(a, b);
        return q.Remainder != 0 && (q.Remainder < 0) == (b < 0) ? q.Quotient + 1 : q.Quotient;
    }

    private static FrameRate CheckRate(FrameRate rate)
    {
        // default(FrameRate) has 0/0; every constructed one is valid.
        if (rate.Numerator <= 0 || rate.Denominator <= 0)
        {
            throw new ArgumentException("the frame rate is not initialised (0/0)", nameof(rate));
        }

        return rate;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private sealed record Timebase(long EpochNs, FrameRate Rate);
}
