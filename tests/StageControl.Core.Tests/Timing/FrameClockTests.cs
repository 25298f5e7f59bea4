using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.Timing;

namespace StageControl.Core.Tests.Timing;

// Frame clock: N(t) = floor((t − E)·num/(den·1e9)), S(k) = E + ceil(k·den·1e9/num) (shared/notes/math.md §5).
public sealed class FrameClockTests
{
    private const long NsPerDay = 86_400L * 1_000_000_000L;

    private static readonly (long Num, long Den)[] CommonRates =
        [(24000, 1001), (24, 1), (25, 1), (30000, 1001), (30, 1), (48, 1), (50, 1), (60000, 1001), (60, 1), (120, 1), (240, 1)];

    // Any long, with the edges over-represented.
    private static Gen<long> AnyLong =>
        Gen.OneOf(
            Gen.Elements(long.MinValue, long.MinValue + 1, -1L, 0L, 1L, long.MaxValue - 1, long.MaxValue),
            Gen.Choose(int.MinValue, int.MaxValue).Select(i => (long)i),
            Gen.Two(Gen.Choose(int.MinValue, int.MaxValue)).Select(p => ((long)p.Item1 << 32) ^ (uint)p.Item2));

    private static Gen<FrameRate> AnyRate =>
        Gen.OneOf(
            Gen.Elements(CommonRates).Select(r => new FrameRate(r.Num, r.Den)),
            Gen.Two(Gen.Choose(1, 1_000_000))
                .Where(p => p.Item1 >= p.Item2 && FrameRate.IsValid(p.Item1, p.Item2, out _))
                .Select(p => new FrameRate(p.Item1, p.Item2)));

    [Fact]
    public void FrameIndexAt_AnyInstantAndEpoch_LiesInsideItsFrame()
    {
        // Arrange: epoch and elapsed each within ±2^61 ns (±73 years), so S(N) and S(N+1) stay inside Int64.
        var gen =
            from rate in AnyRate
            from epoch in AnyLong.Select(e => e >> 2)
            from elapsed in AnyLong.Select(d => d >> 2)
            select (rate, epoch, t: epoch + elapsed);

        // Act / Assert
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var n = FrameClock.FrameIndexAt(x.t, x.epoch, x.rate);
            var start = FrameClock.FrameStartNs(n, x.epoch, x.rate);
            var next = FrameClock.FrameStartNs(n + 1, x.epoch, x.rate);
            return start <= x.t && x.t < next;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FrameIndexAt_HugeAndNegativeInstantsAtZeroEpoch_MatchesExactRationalFloor()
    {
        // Arrange: t anywhere in Int64, epoch 0. The oracle is BigInteger floor division done independently.
        var gen = from rate in AnyRate from t in AnyLong select (rate, t);

        // Act / Assert
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var num = new BigInteger(x.t) * x.rate.Numerator;
            var den = new BigInteger(x.rate.Denominator) * 1_000_000_000;
            var expected = BigInteger.Divide(num, den);
            if (num.Sign < 0 && !BigInteger.Remainder(num, den).IsZero)
            {
                expected -= 1;
            }

            return FrameClock.FrameIndexAt(x.t, 0, x.rate) == (long)expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FrameStartNs_EveryFrameIndex_StartsAtOrAfterExactInstantAndIndexesBackToItself()
    {
        // Arrange: rates ≥ 1 fps (period ≤ 1 s), frame indices across ±2^31 and any epoch within ±2^61.
        var gen =
            from rate in AnyRate
            from epoch in AnyLong.Select(e => e >> 2)
            from k in AnyLong.Select(v => v >> 32)
            select (rate, epoch, k);

        // Act / Assert: N(S(k)) = k, and S(k) − 1 belongs to frame k − 1.
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var s = FrameClock.FrameStartNs(x.k, x.epoch, x.rate);
            return FrameClock.FrameIndexAt(s, x.epoch, x.rate) == x.k
                && FrameClock.FrameIndexAt(s - 1, x.epoch, x.rate) == x.k - 1;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(1, 2_589_410L)] // 86400·30000/1001 = 2 589 410.589…
    [InlineData(10, 25_894_105L)] // 25 894 105.894…
    [InlineData(10_000, 25_894_105_894L)] // 25 894 105 894.105…
    public void FrameIndexAt_WholeDaysAt2997_EqualsExactRationalCount(long days, long expected)
    {
        // Arrange: hand-computed floor(days·86400·30000/1001) (math.md §5: no floating-point rates, no drift).
        var clock = new FrameClock(0, FrameRate.Fps29_97);

        // Act
        var n = clock.FrameIndexAt(days * NsPerDay);
        var independent = (long)BigInteger.Divide(new BigInteger(days) * 86_400 * 30_000, 1001);

        // Assert
        Assert.Equal(expected, n);
        Assert.Equal(independent, n);
    }

    [Fact]
    public void FrameIndexAt_NegativeElapsed_FloorsInsteadOfTruncating()
    {
        // Arrange: at 30000/1001 one frame is 1001e9/30000 = 33 366 666.67 ns; S(−1) = ceil(−33 366 666.67).
        var clock = new FrameClock(0, FrameRate.Fps29_97);

        // Act / Assert
        Assert.Equal(-1, clock.FrameIndexAt(-1));
        Assert.Equal(-1, clock.FrameIndexAt(-33_366_666));
        Assert.Equal(-2, clock.FrameIndexAt(-33_366_667));
        Assert.Equal(-33_366_666, clock.FrameStartNs(-1));
        Assert.Equal(-66_733_333, clock.FrameStartNs(-2));
        Assert.Equal(33_366_667, clock.FrameStartNs(1));
        Assert.Equal(0, clock.FrameStartNs(0));
    }

    [Fact]
    public void EpochNs_Set_ShiftsFrameBoundaries()
    {
        // Arrange: 25 fps → 40 ms frames.
        var clock = new FrameClock(0, FrameRate.Fps25);

        // Act
        clock.EpochNs = 1_000_000_000;

        // Assert
        Assert.Equal(1_000_000_000, clock.FrameStartNs(0));
        Assert.Equal(1_040_000_000, clock.FrameStartNs(1));
        Assert.Equal(-1, clock.FrameIndexAt(999_999_999));
        Assert.Equal(0, clock.FrameIndexAt(1_000_000_000));
    }

    [Fact]
    public void Adopt_NewEpochAndRate_ReplacesBoth()
    {
        // Arrange
        var clock = new FrameClock(0, FrameRate.Fps25);

        // Act
        clock.Adopt(500, FrameRate.Fps50);

        // Assert: 50 fps → 20 ms frames from 500 ns.
        Assert.Equal(FrameRate.Fps50, clock.Rate);
        Assert.Equal(500, clock.EpochNs);
        Assert.Equal(20_000_500, clock.FrameStartNs(1));
    }

    [Fact]
    public void PeriodNs_2997_IsReducedExactFraction()
    {
        // Arrange: 1001e9/30000 = 100 100 000 / 3 ns.
        var clock = new FrameClock(0, FrameRate.Fps29_97);

        // Act
        var (num, den) = clock.PeriodNs;

        // Assert
        Assert.Equal(100_100_000, num);
        Assert.Equal(3, den);
        Assert.Equal(100_100_000 / 3.0, clock.PeriodNsApprox, 6);
    }

    [Fact]
    public void DisplayTimeNs_WithDelay_IsStartOfLaterFrame()
    {
        // Arrange: 24 fps, epoch 7 ns.
        var clock = new FrameClock(7, FrameRate.Fps24);

        // Act
        var shown = clock.DisplayTimeNs(10, delayFrames: 3);

        // Assert: frame 13 starts at 7 + ceil(13e9/24) = 7 + 541 666 667.
        Assert.Equal(541_666_674, shown);
    }

    [Fact]
    public void NextFrameStartNs_AndTimeIntoFrame_AreConsistent()
    {
        // Arrange: 25 fps, epoch 0; t = 1.01 s is 10 ms into frame 25.
        var clock = new FrameClock(0, FrameRate.Fps25);

        // Act
        var next = clock.NextFrameStartNs(1_010_000_000);
        var into = clock.TimeIntoFrameNs(1_010_000_000);

        // Assert
        Assert.Equal(1_040_000_000, next);
        Assert.Equal(10_000_000, into);
    }

    [Fact]
    public void FrameStartNs_BeyondInt64_ThrowsOverflow()
    {
        // Arrange
        var clock = new FrameClock(0, FrameRate.Fps25);

        // Act / Assert: frame long.MaxValue at 25 fps is ~1.2e10 years out.
        Assert.Throws<OverflowException>(() => clock.FrameStartNs(long.MaxValue));
    }
}
