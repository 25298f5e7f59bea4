using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.ClockSync;

namespace StageControl.Core.Tests.ClockSync;

// NTP on-wire maths (shared/notes/math.md §4.1, RFC 5905 §8): θ = ((T2 − T1) + (T3 − T4))/2, δ = (T4 − T1) − (T3 − T2).
public sealed class NtpSampleTests
{
    [Fact]
    public void OffsetAndDelay_WorkedExample_MatchFormulas()
    {
        // Arrange: server 137 ms ahead, 30 ms out, 50 ms back, 2 ms hold.
        const long Ms = 1_000_000;
        var t1 = 1_000 * Ms;
        var t2 = t1 + (30 * Ms) + (137 * Ms);
        var t3 = t2 + (2 * Ms);
        var t4 = t3 - (137 * Ms) + (50 * Ms);

        // Act
        var sample = new NtpSample(t1, t2, t3, t4);

        // Assert: δ = 80 ms; θ = 137 + (30 − 50)/2 = 127 ms, off by (a − b)/2 = −10 ms, within δ/2.
        Assert.Equal(80 * Ms, sample.DelayNs);
        Assert.Equal(127 * Ms, sample.OffsetNs);
        Assert.True(Math.Abs(sample.OffsetNs - (137 * Ms)) <= sample.DelayNs / 2);
    }

    [Fact]
    public void OffsetNs_SymmetricDelays_IsExactlyTheClockOffset()
    {
        // Arrange: any offset, any equal one-way delay, any hold time.
        var gen =
            from theta in Gen.Choose(-2_000_000, 2_000_000).Select(x => (long)x * 997)
            from oneWay in Gen.Choose(0, 1_000_000).Select(x => (long)x * 131)
            from hold in Gen.Choose(0, 100_000).Select(x => (long)x * 7)
            from t1 in Gen.Choose(int.MinValue, int.MaxValue).Select(x => (long)x * 1_000_003)
            select (theta, oneWay, hold, t1);

        // Act / Assert
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var t2 = x.t1 + x.oneWay + x.theta;
            var t3 = t2 + x.hold;
            var t4 = t3 - x.theta + x.oneWay;
            var s = new NtpSample(x.t1, t2, t3, t4);
            return s.OffsetNs == x.theta && s.DelayNs == 2 * x.oneWay && s.IsPlausible;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void OffsetNs_AsymmetricDelays_ErrorIsHalfTheAsymmetryAndWithinHalfDelay()
    {
        // Arrange
        var gen =
            from theta in Gen.Choose(-1_000_000_000, 1_000_000_000).Select(x => (long)x)
            from a in Gen.Choose(0, 500_000_000).Select(x => (long)x)
            from b in Gen.Choose(0, 500_000_000).Select(x => (long)x)
            select (theta, a, b);

        // Act / Assert: the error is floor((a − b)/2) and |error| ≤ δ/2.
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            const long T1 = 5_000_000_000;
            var t2 = T1 + x.a + x.theta;
            var t3 = t2 + 1000;
            var t4 = t3 - x.theta + x.b;
            var s = new NtpSample(T1, t2, t3, t4);
            var error = s.OffsetNs - x.theta;
            return error == (long)Math.Floor((x.a - x.b) / 2.0) && Math.Abs(error) <= (s.DelayNs / 2) + 1;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void OffsetNs_OddNegativeSum_RoundsTowardMinusInfinity()
    {
        // Arrange: (T2 − T1) + (T3 − T4) = −1 − 2 = −3 → floor(−1.5) = −2.
        var sample = new NtpSample(10, 9, 9, 11);

        // Act / Assert
        Assert.Equal(-2, sample.OffsetNs);
    }

    [Fact]
    public void IsPlausible_NegativeDelayOrServerTimeBackwards_IsFalse()
    {
        // Arrange / Act / Assert: hold time longer than the round trip; server send before its receive.
        Assert.False(new NtpSample(0, 100, 300, 100).IsPlausible);
        Assert.False(new NtpSample(0, 100, 50, 200).IsPlausible);
        Assert.False(new NtpSample(100, 0, 0, 50).IsPlausible);
        Assert.True(new NtpSample(0, 100, 150, 200).IsPlausible);
    }
}
