// CameraState.Reconfigure: the calibration hooks (registration, delay, filter) swapped at run time apply from the next
// evaluation or sample, the ring settings cannot change, and evaluating after a swap still allocates nothing.
using System.Diagnostics;
using StageControl.Core.Geometry;
using StageControl.Tracking.CameraState;
using StageControl.Tracking.Mapping;

namespace StageControl.Tracking.Tests.CameraState;

public sealed class CameraStateReconfigureTests
{
    private static long Ms(double milliseconds) => (long)Math.Round(milliseconds * Stopwatch.Frequency / 1000.0);

    private static TrackingSample Sample(double ms, Vec3 position) =>
        new(Ms(ms), 1, position, PanTiltRoll.ToOrientation(0, 0, 0), double.NaN, double.NaN, double.NaN, -1, -1, -1);

    [Fact]
    public void Reconfigure_Registration_NextEvaluationIsTransformed()
    {
        // Arrange: one sample at tracker (1, 0, 0); R = 90° about +Y, t = (0, 0, 5).
        var state = new Tracking.CameraState.CameraState(new CameraStateOptions());
        state.Add(Sample(0, new Vec3(1, 0, 0)));
        var rq = Quat.FromAxisAngle(Vec3.UnitY, Math.PI / 2);
        var before = state.Evaluate(Ms(0));

        // Act
        state.Reconfigure(state.Options with { Registration = new StageRegistration(rq.ToMatrix(), new Vec3(0, 0, 5), 1) });
        var after = state.Evaluate(Ms(0));

        // Assert: R·(1,0,0) = (0,0,−1), + t = (0, 0, 4); the orientation turns with R.
        Assert.True(Vec3.Distance(new Vec3(1, 0, 0), before.Position) < 1e-12);
        Assert.True(Vec3.Distance(new Vec3(0, 0, 4), after.Position) < 1e-12, after.Position.ToString());
        Assert.True(QuatMath.AngleBetween(rq, after.Orientation) < 1e-9);
    }

    [Fact]
    public void Reconfigure_Delay_NextEvaluationSamplesEarlier()
    {
        // Arrange: x moves 1 m per 100 ms.
        var state = new Tracking.CameraState.CameraState(new CameraStateOptions());
        state.Add(Sample(0, new Vec3(0, 0, 0)));
        state.Add(Sample(100, new Vec3(1, 0, 0)));

        // Act
        state.Reconfigure(state.Options with { Delay = TrackingDelay.FromMilliseconds(25) });
        var delayed = state.Evaluate(Ms(75));

        // Assert: t_eval = 75 − 25 = 50 ms → x = 0.5.
        Assert.Equal(0.5, delayed.Position.X, 9);
        Assert.Equal(Ms(50), delayed.EvaluationTimestamp);
    }

    [Fact]
    public void Reconfigure_FilterOnThenOff_RestartsAtTheNextSampleAndStopsSmoothing()
    {
        // Arrange: unfiltered history, then a strong filter.
        var state = new Tracking.CameraState.CameraState(new CameraStateOptions());
        state.Add(Sample(0, new Vec3(0, 0, 0)));
        state.Add(Sample(10, new Vec3(0, 0, 0)));
        state.Reconfigure(state.Options with { Filter = new OneEuroSettings(100, MinCutoff: 0.5, Beta: 0) });

        // Act
        state.Add(Sample(20, new Vec3(1, 0, 0)));
        var first = state.Evaluate(Ms(20)).Position.X;
        state.Add(Sample(30, new Vec3(2, 0, 0)));
        var second = state.Evaluate(Ms(30)).Position.X;
        state.Reconfigure(state.Options with { Filter = null });
        state.Add(Sample(40, new Vec3(3, 0, 0)));
        var unfiltered = state.Evaluate(Ms(40)).Position.X;

        // Assert: a restarted One Euro filter passes its first sample through, then lags behind a step; off = raw.
        Assert.Equal(1, first, 12);
        Assert.InRange(second, 1.0 + 1e-6, 2.0 - 1e-3);
        Assert.Equal(3, unfiltered, 12);
    }

    [Fact]
    public void Reconfigure_DifferentCapacity_RefusedAndOptionsUnchanged()
    {
        // Arrange
        var state = new Tracking.CameraState.CameraState(new CameraStateOptions());
        var options = state.Options;

        // Act
        var e = Assert.Throws<ArgumentException>(() => state.Reconfigure(options with { Capacity = 8, Delay = TrackingDelay.FromMilliseconds(5) }));
        var badFilter = Assert.Throws<ArgumentOutOfRangeException>(() => state.Reconfigure(options with { Filter = new OneEuroSettings(100, MinCutoff: 0) }));

        // Assert
        Assert.Contains("capacity", e.Message, StringComparison.Ordinal);
        Assert.NotNull(badFilter);
        Assert.Same(options, state.Options);
    }

    [Fact]
    public void Evaluate_AfterReconfigure_AllocatesNothing()
    {
        // Arrange: every hook on, swapped once (the swap allocates on the caller; evaluations must not).
        var state = new Tracking.CameraState.CameraState(new CameraStateOptions { Capacity = 16, Filter = new OneEuroSettings(100, 1.0, 0.1) });
        for (var i = 0; i < 20; i++)
        {
            state.Add(Sample(i * 10, new Vec3(i * 0.01, 0, 0)));
        }

        var swapped = state.Options with
        {
            Registration = new StageRegistration(Quat.FromAxisAngle(Vec3.UnitY, 0.3).ToMatrix(), new Vec3(1, 0, 0), 1.01),
            Delay = TrackingDelay.FromMilliseconds(-4),
            Filter = new OneEuroSettings(100, 2.0, 0.01),
        };
        state.Reconfigure(swapped);
        var sink = state.Evaluate(Ms(200)).Position.X;
        state.Add(Sample(200, new Vec3(0.2, 0, 0)));

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            sink += state.Evaluate(Ms(200 + (i % 50))).Position.X;
            if (i % 10 == 0)
            {
                state.Add(Sample(201 + i, new Vec3(i * 0.001, 0, 0)));
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.True(double.IsFinite(sink));
        Assert.Equal(0, allocated);
    }
}
