using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.ClockSync;

namespace StageControl.Core.Tests.ClockSync;

// The NTP clock filter (math.md §4.1, ntpd filter.rst): last 8 samples, lowest delay wins, never back to an older one,
// dispersion grows 15 µs/s, jitter = RMS of the other offsets against the chosen one, error bound δ/2 + dispersion.
public sealed class ClockFilterTests
{
    private const long Ms = 1_000_000;

    // A sample taken at client time t (its T4) with offset θ and delay δ (even), hold time 0.
    private static NtpSample Sample(long t4, long theta, long delay)
    {
        var t1 = t4 - delay;
        var t2 = t1 + (delay / 2) + theta;
        return new NtpSample(t1, t2, t2, t4);
    }

    [Fact]
    public void Add_AnySequence_ChoosesTheMinimumDelayOfTheLastEight()
    {
        // Arrange: sequences of delays (distinct times); the oracle is a plain min over the last 8 by delay, ties to the
        // newest, reported only when it is newer than the previous choice.
        var gen = Gen.ListOf(Gen.Choose(1, 1000)).Where(l => l.Count > 0);

        // Act / Assert
        Prop.ForAll(gen.ToArbitrary(), delays =>
        {
            var filter = new ClockFilter();
            long lastUsed = long.MinValue;
            for (var i = 0; i < delays.Count; i++)
            {
                var t = (i + 1) * 100 * Ms;
                var updated = filter.Add(Sample(t, i * 1000, delays[i] * 1000L));
                var from = Math.Max(0, i - ClockFilter.Stages + 1);
                var best = from;
                for (var k = from; k <= i; k++)
                {
                    if (delays[k] <= delays[best])
                    {
                        best = k;
                    }
                }

                var bestTime = (best + 1) * 100 * Ms;
                var expectUpdate = bestTime > lastUsed;
                if (updated != expectUpdate)
                {
                    return false;
                }

                if (expectUpdate)
                {
                    lastUsed = bestTime;
                    if (filter.Current!.Value.DelayNs != delays[best] * 1000L || filter.Current.Value.OffsetNs != best * 1000L)
                    {
                        return false;
                    }
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Add_OlderSampleBecomesMinimumAgain_DoesNotSwitchBack()
    {
        // Arrange: A (delay 10 ms) is chosen; then C (delay 30 ms) arrives: the minimum is still A, which is not newer
        // than the sample used last, so there is no update.
        var filter = new ClockFilter();

        // Act
        var first = filter.Add(Sample(100 * Ms, 1 * Ms, 10 * Ms));
        var second = filter.Add(Sample(200 * Ms, 2 * Ms, 30 * Ms));

        // Assert
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1 * Ms, filter.Current!.Value.OffsetNs);
    }

    [Fact]
    public void Add_MinimumLeavesTheRegister_UsesTheNewestOfTheRest()
    {
        // Arrange: one fast sample then eight slow ones with equal delay.
        var filter = new ClockFilter();
        filter.Add(Sample(100 * Ms, 0, 10 * Ms));
        var updates = new List<bool>();

        // Act
        for (var i = 1; i <= 8; i++)
        {
            updates.Add(filter.Add(Sample((100 + (i * 100)) * Ms, i * Ms, 40 * Ms)));
        }

        // Assert: held the fast one for 7 samples; on the 8th it is shifted out and the newest slow one wins.
        Assert.Equal([false, false, false, false, false, false, false, true], updates);
        Assert.Equal(8 * Ms, filter.Current!.Value.OffsetNs);
        Assert.Equal(40 * Ms, filter.Current.Value.DelayNs);
    }

    [Fact]
    public void Current_JitterAndErrorBound_MatchOracle()
    {
        // Arrange: offsets 3, −4 ms (delay 20 ms), then 0 (delay 10 ms, chosen); precision 1 µs.
        var filter = new ClockFilter();
        filter.Add(Sample(80 * Ms, 3 * Ms, 20 * Ms), precisionNs: 1000);
        filter.Add(Sample(90 * Ms, -4 * Ms, 20 * Ms), precisionNs: 1000);
        filter.Add(Sample(100 * Ms, 0, 10 * Ms), precisionNs: 1000);

        // Act
        var estimate = filter.Current!.Value;

        // Assert: jitter = sqrt((3² + 4²)/2) ms; bound at t = chosen + 10 s: 5 ms + 1 µs + 10 s · 15 µs/s = 5.151 ms.
        Assert.Equal(Math.Sqrt(12.5) * Ms, estimate.JitterNs, 3);
        Assert.Equal(3, estimate.Samples);
        Assert.Equal(5_151_000, estimate.ErrorBoundNs((100 * Ms) + (10_000 * Ms)), 3);
        Assert.Equal(5_001_000, estimate.ErrorBoundNs(100 * Ms), 3);
    }

    [Fact]
    public void Add_ImplausibleSample_IsNotShiftedIn()
    {
        // Arrange
        var filter = new ClockFilter();

        // Act: server hold time longer than the round trip.
        var added = filter.Add(new NtpSample(0, 100, 300, 100));

        // Assert
        Assert.False(added);
        Assert.Equal(0, filter.Count);
        Assert.Null(filter.Current);
    }

    [Fact]
    public void Reset_AfterSamples_AcceptsAnOlderTimeAgain()
    {
        // Arrange
        var filter = new ClockFilter();
        filter.Add(Sample(1000 * Ms, 5, 10 * Ms));

        // Act
        filter.Reset();
        var added = filter.Add(Sample(500 * Ms, 7, 50 * Ms));

        // Assert
        Assert.True(added);
        Assert.Equal(7, filter.Current!.Value.OffsetNs);
    }
}
