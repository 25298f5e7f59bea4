using StageControl.Core.ClockSync;

namespace StageControl.Core.Tests.ClockSync;

// The minimum-delay-weighted offset average (huff-n'-puff weighting, math.md §4.1).
public sealed class OffsetAveragerTests
{
    private const long Ms = 1_000_000;

    private static NtpSample Exchange(long t1, long theta, long outNs, long backNs)
    {
        var t2 = t1 + outNs + theta;
        var t3 = t2 + 100_000;
        return new NtpSample(t1, t2, t3, t3 - theta + backNs);
    }

    [Fact]
    public void TryGetOffset_WeightsOracle_MatchesHandComputation()
    {
        // Arrange: two samples, delays 80 and 90 ms (x0 = 80), offsets 100 and 110 ms, precision 1 ms:
        // weights 1/1² and 1/6² → (100 + 110/36)/(1 + 1/36) = 100.27027… ms.
        var averager = new OffsetAverager(TimeSpan.FromSeconds(30), precisionNs: Ms);
        averager.Add(Exchange(0, 100 * Ms, 40 * Ms, 40 * Ms));
        averager.Add(Exchange(100 * Ms, 110 * Ms, 45 * Ms, 45 * Ms));

        // Act
        Assert.True(averager.TryGetOffset(300 * Ms, out var offset));

        // Assert
        Assert.Equal(100 * Ms + (long)Math.Round(10 * Ms / 37.0), offset);
    }

    [Fact]
    public void TryGetOffset_SymmetricUniformJitter_ConvergesWellBelowHalfAMillisecond()
    {
        // Arrange: 40 ± 5 ms each way (seeded), 1 % of legs +200 ms (a retransmission), 20 Hz for 20 s, θ = 137 ms.
        var random = new Random(7);
        var averager = new OffsetAverager(TimeSpan.FromSeconds(30));
        const long Theta = 137 * Ms;
        long Leg() => (40 * Ms) + random.NextInt64(-5 * Ms, 5 * Ms) + (random.NextDouble() < 0.01 ? 200 * Ms : 0);
        var errors = new List<long>();

        // Act
        for (var i = 0; i < 400; i++)
        {
            var t1 = i * 50 * Ms;
            var sample = Exchange(t1, Theta, Leg(), Leg());
            averager.Add(sample);
            Assert.True(averager.TryGetOffset(sample.T4, out var offset));
            if (i >= 100)
            {
                errors.Add(Math.Abs(offset - Theta));
            }
        }

        // Assert: after 5 s every estimate is within 0.5 ms (the single filter pick is often 2-4 ms off here).
        Assert.True(errors.Max() < Ms / 2, $"max error {errors.Max() / 1000.0} µs");
    }

    [Fact]
    public void TryGetOffset_SamplesOlderThanTheWindow_AreDropped()
    {
        // Arrange: an old sample at θ = 0, a new one at θ = 50 ms, 1 s window.
        var averager = new OffsetAverager(TimeSpan.FromSeconds(1));
        averager.Add(Exchange(0, 0, Ms, Ms));
        averager.Add(Exchange(5_000 * Ms, 50 * Ms, 10 * Ms, 10 * Ms));

        // Act
        var ok = averager.TryGetOffset(5_100 * Ms, out var offset);

        // Assert
        Assert.True(ok);
        Assert.Equal(50 * Ms, offset);
        Assert.Equal(1, averager.Count);
        Assert.False(averager.TryGetOffset(10_000 * Ms, out _));
    }
}
