using FsCheck;
using FsCheck.Fluent;
using StageControl.Coordinator.Telemetry;

namespace StageControl.Coordinator.Tests.Telemetry;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void BucketOf_AnyValue_BucketHoldsItWithinAnEighth()
    {
        // Arrange / Act / Assert: the bucket's upper bound is >= the value and at most 1/8 above it.
        Prop.ForAll(ArbMap.Default.ArbFor<long>(), raw =>
        {
            var v = raw == long.MinValue ? long.MaxValue : Math.Abs(raw);
            var i = LatencyRecorder.BucketOf(v);
            var upper = LatencyRecorder.UpperBound(i);
            var lower = i == 0 ? 0 : LatencyRecorder.UpperBound(i - 1) + 1;
            return i >= 0 && i < LatencyRecorder.BucketCount && lower <= v && v <= upper && (upper - lower) <= Math.Max(1, lower / 8) + 1;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Quantile_UniformMicroseconds_WithinBucketError()
    {
        // Arrange
        var recorder = new LatencyRecorder();
        for (var us = 1; us <= 1000; us++)
        {
            recorder.Record(us * 1000L);
        }

        // Act
        var p50 = recorder.Quantile(0.5);
        var p99 = recorder.Quantile(0.99);

        // Assert
        Assert.InRange(p50, 500_000, 500_000 * 9 / 8);
        Assert.InRange(p99, 990_000, 990_000 * 9 / 8);
        Assert.Equal(1000, recorder.Count);
        Assert.Equal(1_000_000, recorder.Max);
    }

    [Fact]
    public void QuantileBetween_ValuesAfterTheMark_IgnoresValuesBefore()
    {
        // Arrange: 1000 slow values (10 ms) before the mark, then 100 fast ones (1..100 µs).
        var recorder = new LatencyRecorder();
        for (var i = 0; i < 1000; i++)
        {
            recorder.Record(10_000_000);
        }

        var before = recorder.CopyCounts();
        for (var us = 1; us <= 100; us++)
        {
            recorder.Record(us * 1000L);
        }

        // Act
        var p99 = LatencyRecorder.QuantileBetween(before, recorder.CopyCounts(), 0.99);
        var whole = recorder.Quantile(0.99);

        // Assert: the window sees only the fast values; the whole-run figure is dominated by the slow ones.
        Assert.InRange(p99, 99_000, 99_000 * 9 / 8);
        Assert.InRange(whole, 10_000_000, 10_000_000 * 9 / 8);
    }

    [Fact]
    public void QuantileBetween_NothingRecorded_Zero()
    {
        // Arrange
        var recorder = new LatencyRecorder();
        recorder.Record(5_000);
        var mark = recorder.CopyCounts();

        // Act / Assert
        Assert.Equal(0, LatencyRecorder.QuantileBetween(mark, recorder.CopyCounts(), 0.99));
    }

    [Fact]
    public void Quantile_Empty_Zero()
    {
        // Arrange
        var recorder = new LatencyRecorder();

        // Act / Assert
        Assert.Equal(0, recorder.Quantile(0.99));
    }

    [Fact]
    public void Bin_CoarseBounds_CountsEveryValueOnce()
    {
        // Arrange
        var recorder = new LatencyRecorder();
        recorder.Record(10_000);     // 10 µs
        recorder.Record(200_000);    // 200 µs
        recorder.Record(5_000_000);  // 5 ms
        long[] bounds = [100_000, 1_000_000, long.MaxValue];
        var counts = new long[3];

        // Act
        recorder.Bin(bounds, counts);

        // Assert
        Assert.Equal([1L, 1L, 1L], counts);
    }

    [Fact]
    public void Record_SteadyState_AllocatesNothing()
    {
        // Arrange
        var recorder = new LatencyRecorder();
        recorder.Record(1);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        for (var i = 0; i < 100_000; i++)
        {
            recorder.Record(i * 37L);
        }

        var after = GC.GetAllocatedBytesForCurrentThread();

        // Assert
        Assert.Equal(0, after - before);
    }
}
