using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.ClockSync;

namespace StageControl.Core.Tests.ClockSync;

// Step/slew of the frame epoch, and D = ceil((one-way + margin)/period) clamped (math.md §5).
public sealed class EpochSlewTests
{
    [Fact]
    public void Next_DifferenceAtLeastThreshold_Steps()
    {
        // Arrange / Act
        var epoch = EpochSlew.Next(1_000, 1_000 + 41_708_334, 50_000_000, 2_000_000, 41_708_334, out var kind);

        // Assert
        Assert.Equal(1_000 + 41_708_334, epoch);
        Assert.Equal(EpochAdjustment.Stepped, kind);
    }

    [Fact]
    public void Next_SmallDifference_MovesAtMostTheSlewRate()
    {
        // Arrange / Act: 5 ms off, 2 ms/s, 50 ms elapsed → 100 µs of slew.
        var up = EpochSlew.Next(0, 5_000_000, 50_000_000, 2_000_000, 40_000_000, out var kindUp);
        var down = EpochSlew.Next(0, -5_000_000, 50_000_000, 2_000_000, 40_000_000, out _);
        var reach = EpochSlew.Next(0, 50_000, 50_000_000, 2_000_000, 40_000_000, out _);

        // Assert
        Assert.Equal(100_000, up);
        Assert.Equal(EpochAdjustment.Slewed, kindUp);
        Assert.Equal(-100_000, down);
        Assert.Equal(50_000, reach);
    }

    [Fact]
    public void Next_AnyBelowThreshold_NeverOvershootsAndNeverExceedsRate()
    {
        // Arrange
        var gen =
            from current in Gen.Choose(int.MinValue, int.MaxValue).Select(x => (long)x * 1000)
            from diff in Gen.Choose(-39_999_999, 39_999_999).Select(x => (long)x)
            from elapsed in Gen.Choose(0, 1_000_000_000).Select(x => (long)x)
            select (current, target: current + diff, elapsed);

        // Act / Assert
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var next = EpochSlew.Next(x.current, x.target, x.elapsed, 2_000_000, 40_000_000, out var kind);
            var moved = Math.Abs(next - x.current);
            var allowed = 2_000_000L * x.elapsed / 1_000_000_000;
            var between = Math.Min(x.current, x.target) <= next && next <= Math.Max(x.current, x.target);
            return kind != EpochAdjustment.Stepped && between && moved <= allowed + 1;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(40_000_000, 10_000_000, 1, 30, 2)]   // 50 ms at 23.976 (41.7 ms) → 2
    [InlineData(0, 0, 1, 30, 1)]                     // clamped up to min
    [InlineData(10_000_000_000, 0, 1, 30, 30)]       // clamped down to max
    [InlineData(41_708_333, 0, 0, 30, 1)]            // just under one period → 1
    [InlineData(41_708_334, 0, 0, 30, 2)]            // just over one period (1001000000/24 = 41708333.33 ns) → 2
    public void PresentationDelay_Frames_CeilOfDelayOverPeriodClamped(long oneWay, long margin, int min, int max, int expected)
    {
        // Arrange: 23.976 fps, period exactly 1001000000/24 ns.
        // Act
        var d = PresentationDelay.Frames(oneWay, margin, 1_001_000_000, 24, min, max);

        // Assert
        Assert.Equal(expected, d);
    }
}
