// The live-preview pacing: round-robin, each panel at most once per interval, and the byte budget.
using FsCheck;
using FsCheck.Fluent;
using StageControl.Node.Internal;

namespace StageControl.Node.Tests;

public sealed class PreviewPacerTests
{
    private const long Hz = 1_000_000; // timestamps in µs

    [Fact]
    public void TryTake_FourPanels_VisitsEachOnceAndSpacesByIntervalOverCount()
    {
        // Arrange
        var pacer = new PreviewPacer(TimeSpan.FromSeconds(1), long.MaxValue / 2, Hz);
        var taken = new List<(long At, int Panel)>();

        // Act: offered every 10 ms for 2 s, each preview sent at once with 1 kB.
        for (long t = 0; t < 2 * Hz; t += 10_000)
        {
            if (pacer.TryTake(t, 4, out var panel))
            {
                taken.Add((t, panel));
                pacer.Sent(t, 1000, 4);
            }
        }

        // Assert
        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3], taken.Select(x => x.Panel));
        for (var i = 1; i < taken.Count; i++)
        {
            Assert.True(taken[i].At - taken[i - 1].At >= Hz / 4, $"previews {i - 1} and {i} only {taken[i].At - taken[i - 1].At} µs apart");
        }
    }

    [Fact]
    public void TryTake_AnyOfferPattern_NoPanelTwiceWithinIntervalAndBudgetHolds()
    {
        Prop.ForAll(
            Gen.Choose(1, 40).ToArbitrary(),
            Gen.Choose(100, 200_000).ToArbitrary(),
            Gen.Choose(1, 100).ToArbitrary(),
            (panels, bytes, stepMs) =>
            {
                // Arrange: 1 s per panel, 100 kB/s budget, previews of `bytes` bytes, offered every stepMs for 20 s.
                const long budget = 100_000;
                var pacer = new PreviewPacer(TimeSpan.FromSeconds(1), budget, Hz);
                var last = new Dictionary<int, long>();
                long total = 0;
                var ok = true;

                // Act
                for (long t = 0; t < 20 * Hz; t += stepMs * 1000L)
                {
                    if (pacer.TryTake(t, panels, out var panel))
                    {
                        ok &= !last.TryGetValue(panel, out var previous) || t - previous >= Hz;
                        last[panel] = t;
                        total += bytes;
                        pacer.Sent(t, bytes, panels);
                    }
                }

                // Assert: within the budget over the run, give or take the one preview that opens it.
                return ok && total <= (20 * budget) + bytes;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryTake_PreviewInFlight_RefusedUntilSentOrFailed()
    {
        // Arrange
        var pacer = new PreviewPacer(TimeSpan.FromSeconds(1), 1_000_000, Hz);
        Assert.True(pacer.TryTake(0, 2, out var first));

        // Act
        var whileInFlight = pacer.TryTake(5 * Hz, 2, out _);
        pacer.Failed(5 * Hz, 2);
        var tooSoon = pacer.TryTake((5 * Hz) + 1000, 2, out _);
        var after = pacer.TryTake(6 * Hz, 2, out var second);

        // Assert
        Assert.Equal(0, first);
        Assert.False(whileInFlight);
        Assert.False(tooSoon);
        Assert.True(after);
        Assert.Equal(1, second);
    }

    [Fact]
    public void Sent_LargePreview_WaitsBytesOverBudget()
    {
        // Arrange: 50 kB at 100 kB/s must hold the next preview back 0.5 s even though 8 panels would allow 125 ms.
        var pacer = new PreviewPacer(TimeSpan.FromSeconds(1), 100_000, Hz);
        Assert.True(pacer.TryTake(0, 8, out _));

        // Act
        pacer.Sent(0, 50_000, 8);

        // Assert
        Assert.False(pacer.TryTake((Hz / 2) - 1, 8, out _));
        Assert.True(pacer.TryTake(Hz / 2, 8, out _));
    }
}
