using System.Diagnostics;
using StageControl.Core.Calibration;
using StageControl.Core.Geometry;
using StageControl.Core.Timing;
using StageControl.Tracking.CameraState;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Mapping;

namespace StageControl.Tracking.Tests.CameraState;

public sealed class CameraStateTests
{
    private const double Eps = 1e-9;

    private static long Ms(double milliseconds) => (long)Math.Round(milliseconds * Stopwatch.Frequency / 1000.0);

    private static TrackingSample Sample(double ms, Vec3 position, double panDeg, double focalMm = double.NaN, int zoom = -1) =>
        new(Ms(ms), 1, position, PanTiltRoll.ToOrientation(panDeg, 0, 0), focalMm, double.NaN, double.NaN, zoom, -1, -1);

    private static Tracking.CameraState.CameraState State(CameraStateOptions? options = null) => new(options ?? new CameraStateOptions());

    private static void AssertVec(Vec3 expected, Vec3 actual, double eps = Eps)
    {
        Assert.True(Vec3.Distance(expected, actual) <= eps, $"expected {expected}, got {actual}");
    }

    private static double PanOf(Quat q) => PanTiltRoll.FromOrientation(q).PanDeg;

    [Fact]
    public void Evaluate_BetweenTwoSamples_LerpsPositionSlerpsRotationLerpsLens()
    {
        // Arrange
        var state = State();
        state.Add(Sample(0, new Vec3(0, 0, 0), 0, 20));
        state.Add(Sample(10, new Vec3(1, 2, 3), 10, 30));

        // Act
        var pose = state.Evaluate(Ms(2.5));

        // Assert
        Assert.Equal(CameraPoseState.Interpolated, pose.State);
        AssertVec(new Vec3(0.25, 0.5, 0.75), pose.Position);
        Assert.Equal(2.5, PanOf(pose.Orientation), 9);
        Assert.Equal(22.5, pose.FocalLengthMm, 9);
    }

    [Fact]
    public void Evaluate_ExactlyAtASample_ReturnsThatSample()
    {
        // Arrange
        var state = State();
        state.Add(Sample(0, new Vec3(0, 0, 0), 0));
        state.Add(Sample(10, new Vec3(1, 0, 0), 5));
        state.Add(Sample(20, new Vec3(7, 0, 0), 9));

        // Act
        var pose = state.Evaluate(Ms(10));

        // Assert
        AssertVec(new Vec3(1, 0, 0), pose.Position);
        Assert.Equal(5, PanOf(pose.Orientation), 9);
    }

    [Fact]
    public void Evaluate_FreeDPanWrapsFrom179ToMinus179_TakesTheShortArcWithoutJump()
    {
        // Arrange: two decoded FreeD D1 samples, pan 179° then −179° (2° apart across ±180°).
        var state = State();
        var d0 = FreeDSample.FromPose(1, 179, 0, 0, 0, 0, 1500, 0, 0, 0);
        var d1 = FreeDSample.FromPose(1, -179, 0, 0, 0, 0, 1500, 0, 0, 0);
        state.Add(FreeDMapping.ToSample(d0, Ms(0)));
        state.Add(FreeDMapping.ToSample(d1, Ms(10)));
        var first = PanTiltRoll.ToOrientation(179, 0, 0);

        // Act / Assert: the pan moves monotonically through 180°, never more than 2° from the first sample.
        for (var i = 0; i <= 10; i++)
        {
            var pose = state.Evaluate(Ms(i));
            var expectedPan = PanTiltRoll.Wrap(179 + (0.2 * i));
            var delta = Math.Abs(PanTiltRoll.Wrap(PanOf(pose.Orientation) - expectedPan));
            // Core's Slerp uses normalised lerp below 1.8° of quaternion angle (math.md §7.3): error ≈ 1e−5°.
            Assert.True(delta < 5e-5, $"at {i} ms pan {PanOf(pose.Orientation)}, expected {expectedPan}");
            Assert.True(QuatMath.AngleBetween(first, pose.Orientation) <= (2.0 * Math.PI / 180) + 1e-9);
        }
    }

    [Fact]
    public void Evaluate_DelayInMilliseconds_SamplesTheHistoryEarlier()
    {
        // Arrange
        var state = State(new CameraStateOptions { Delay = TrackingDelay.FromMilliseconds(5) });
        state.Add(Sample(0, new Vec3(0, 0, 0), 0));
        state.Add(Sample(10, new Vec3(1, 0, 0), 0));

        // Act
        var pose = state.Evaluate(Ms(7.5));

        // Assert: t_eval = 7.5 − 5 = 2.5 ms.
        Assert.Equal(Ms(2.5), pose.EvaluationTimestamp);
        AssertVec(new Vec3(0.25, 0, 0), pose.Position);
    }

    [Fact]
    public void Evaluate_DelayInFrames_UsesTheFramePeriod()
    {
        // Arrange: 1.5 frames at 60 fps = 25 ms.
        var delay = TrackingDelay.FromFrames(1.5, FrameRate.Fps60);
        var state = State(new CameraStateOptions { Delay = delay });
        state.Add(Sample(0, new Vec3(0, 0, 0), 0));
        state.Add(Sample(100, new Vec3(10, 0, 0), 0));

        // Act
        var pose = state.Evaluate(Ms(75));

        // Assert
        Assert.Equal(25.0, delay.Milliseconds, 6);
        AssertVec(new Vec3(5, 0, 0), pose.Position, 1e-6);
    }

    [Fact]
    public void FromFrames_NtscRate_IsFramesTimesDenominatorOverNumerator()
    {
        // Arrange / Act
        var delay = TrackingDelay.FromFrames(2, FrameRate.Fps29_97);

        // Assert: 2 × 1001/30000 s = 66.7333… ms.
        Assert.Equal(2 * 1001.0 / 30.0, delay.Milliseconds, 6);
    }

    [Fact]
    public void Evaluate_BeyondNewest_PredictsAtConstantVelocityWithinTheHorizon()
    {
        // Arrange: 1 m/s along x and 100 °/s pan.
        var state = State(new CameraStateOptions { MaxPredictionTicks = Ms(50) });
        state.Add(Sample(0, new Vec3(0, 0, 0), 0));
        state.Add(Sample(10, new Vec3(0.01, 0, 0), 1));

        // Act
        var pose = state.Evaluate(Ms(30));

        // Assert
        Assert.Equal(CameraPoseState.Predicted, pose.State);
        AssertVec(new Vec3(0.03, 0, 0), pose.Position, 1e-9);
        Assert.Equal(3.0, PanOf(pose.Orientation), 6);
    }

    [Fact]
    public void Evaluate_BeyondThePredictionHorizon_HoldsAtTheBound()
    {
        // Arrange
        var state = State(new CameraStateOptions { MaxPredictionTicks = Ms(50), StaleAfterTicks = Ms(1000) });
        state.Add(Sample(0, new Vec3(0, 0, 0), 0));
        state.Add(Sample(10, new Vec3(0.01, 0, 0), 1));

        // Act
        var at200 = state.Evaluate(Ms(200));
        var at500 = state.Evaluate(Ms(500));

        // Assert: 10 ms + 50 ms horizon → x = 0.06 m, pan 6°, no further.
        Assert.Equal(CameraPoseState.Held, at200.State);
        AssertVec(new Vec3(0.06, 0, 0), at200.Position, 1e-9);
        Assert.Equal(6.0, PanOf(at200.Orientation), 6);
        AssertVec(at200.Position, at500.Position, 1e-12);
    }

    [Fact]
    public void Evaluate_AfterSilence_IsStaleAndHoldsTheNewestPose()
    {
        // Arrange
        var state = State(new CameraStateOptions { StaleAfterTicks = Ms(100) });
        state.Add(Sample(0, new Vec3(0, 0, 0), 0));
        state.Add(Sample(10, new Vec3(1, 0, 0), 4));

        // Act
        var fresh = state.Evaluate(Ms(110));
        var stale = state.Evaluate(Ms(111));

        // Assert
        Assert.NotEqual(CameraPoseState.Stale, fresh.State);
        Assert.Equal(CameraPoseState.Stale, stale.State);
        AssertVec(new Vec3(1, 0, 0), stale.Position);
        Assert.Equal(4.0, PanOf(stale.Orientation), 9);
    }

    [Fact]
    public void Evaluate_NoSamples_ReportsNoData()
    {
        // Arrange
        var state = State();

        // Act
        var pose = state.Evaluate(Ms(5));

        // Assert
        Assert.Equal(CameraPoseState.NoData, pose.State);
    }

    [Fact]
    public void Add_MoreThanCapacity_KeepsTheNewestAndHoldsTheOldestKept()
    {
        // Arrange
        var state = State(new CameraStateOptions { Capacity = 8 });
        for (var i = 0; i < 100; i++)
        {
            state.Add(Sample(i, new Vec3(i, 0, 0), 0));
        }

        // Act
        var before = state.Evaluate(Ms(10));
        var inside = state.Evaluate(Ms(95.5));

        // Assert
        Assert.Equal(8, state.Count);
        Assert.Equal(CameraPoseState.Held, before.State);
        AssertVec(new Vec3(92, 0, 0), before.Position);
        AssertVec(new Vec3(95.5, 0, 0), inside.Position, 1e-9);
    }

    [Fact]
    public void Add_OlderThanNewest_IsRejectedAndCounted()
    {
        // Arrange
        var state = State();
        state.Add(Sample(10, new Vec3(1, 0, 0), 0));

        // Act
        var accepted = state.Add(Sample(5, new Vec3(9, 9, 9), 0));

        // Assert
        Assert.False(accepted);
        Assert.Equal(1, state.OutOfOrder);
        Assert.Equal(1, state.Count);
    }

    [Fact]
    public void Evaluate_WithRegistration_AppliesScaleRotationTranslation()
    {
        // Arrange: R = 90° about +Y, t = (1, 2, 3), c = 2.
        var rq = Quat.FromAxisAngle(Vec3.UnitY, Math.PI / 2);
        var registration = new StageRegistration(rq.ToMatrix(), new Vec3(1, 2, 3), 2);
        var state = State(new CameraStateOptions { Registration = registration });
        var q = PanTiltRoll.ToOrientation(0, 20, 0);
        state.Add(new TrackingSample(Ms(0), 1, new Vec3(1, 0, 0), q, double.NaN, double.NaN, double.NaN, -1, -1, -1));

        // Act
        var pose = state.Evaluate(Ms(0));

        // Assert: R·(1,0,0) = (0,0,−1) → 2·(0,0,−1) + (1,2,3) = (1, 2, 1); q' = R ⊗ q.
        AssertVec(new Vec3(1, 2, 1), pose.Position, 1e-12);
        Assert.True(QuatMath.AngleBetween(rq * q, pose.Orientation) < 1e-9);
        Assert.True(QuatMath.AngleBetween(rq, registration.RotationQuat) < 1e-9);
    }

    [Fact]
    public void FromResult_SolvedRegistration_MapsTrackerPointsLikeTheResult()
    {
        // Arrange: stage = 2·R_z(30°)·tracker + (0.5, −1, 2), solved from four exact pairs.
        var r = Quat.FromAxisAngle(Vec3.UnitZ, Math.PI / 6);
        Vec3 Map(Vec3 x) => (2 * r.Rotate(x)) + new Vec3(0.5, -1, 2);
        Vec3[] tracker = [new(0, 0, 0), new(1, 0, 0), new(0, 1, 0), new(0, 0, 1)];
        var pairs = new List<PointPair>();
        for (var i = 0; i < tracker.Length; i++)
        {
            pairs.Add(new PointPair($"p{i}", tracker[i], Map(tracker[i])));
        }

        var result = Registration.Solve(pairs, withScale: true);
        var state = State(new CameraStateOptions { Registration = StageRegistration.FromResult(result) });
        state.Add(new TrackingSample(Ms(0), 1, new Vec3(0.3, -0.7, 1.1), Quat.Identity, double.NaN, double.NaN, double.NaN, -1, -1, -1));

        // Act
        var pose = state.Evaluate(Ms(0));

        // Assert
        AssertVec(Map(new Vec3(0.3, -0.7, 1.1)), pose.Position, 1e-9);
        Assert.True(QuatMath.AngleBetween(r, pose.Orientation) < 1e-9);
    }

    [Fact]
    public void Evaluate_WithLensTable_SetsFocalLengthAndMovesTheEyeAlongTheViewAxis()
    {
        // Arrange: zoom 0 → 20 mm, pupil 0.1 m; zoom 1000 → 100 mm, pupil 0.3 m. Camera panned 90° (looks at +X).
        var lens = new LinearLensTable([new LensTablePoint(0, 20, 0.1), new LensTablePoint(1000, 100, 0.3)]);
        var state = State(new CameraStateOptions { Lens = lens });
        state.Add(Sample(0, new Vec3(1, 1.5, 0), 90, zoom: 500));

        // Act
        var pose = state.Evaluate(Ms(0));

        // Assert (math.md §9.2: pe = p + q ⊗ (0, 0, −e) ⊗ q*)
        Assert.Equal(60, pose.FocalLengthMm, 9);
        Assert.Equal(0.2, pose.EntrancePupilOffsetM, 9);
        AssertVec(new Vec3(1.2, 1.5, 0), pose.PupilPosition, 1e-12);
    }

    [Fact]
    public void TryEvaluate_OutsideTheTable_ClampsToTheEndRows()
    {
        // Arrange
        var lens = new LinearLensTable([new LensTablePoint(100, 20, 0.1), new LensTablePoint(200, 40, 0.2), new LensTablePoint(400, 80, 0.25)]);

        // Act
        lens.TryEvaluate(0, 0, out var low, out _);
        lens.TryEvaluate(300, 0, out var mid, out var midPupil);
        lens.TryEvaluate(9999, 0, out var high, out _);
        var none = lens.TryEvaluate(-1, 0, out _, out _);

        // Assert
        Assert.Equal(20, low);
        Assert.Equal(60, mid, 12);
        Assert.Equal(0.225, midPupil, 12);
        Assert.Equal(80, high);
        Assert.False(none);
    }

    [Fact]
    public void Evaluate_SteadyState_AllocatesNothing()
    {
        // Arrange: every hook on, ring wrapped.
        var lens = new LinearLensTable([new LensTablePoint(0, 20, 0.1), new LensTablePoint(1000, 100, 0.3)]);
        var state = State(new CameraStateOptions
        {
            Capacity = 16,
            Filter = new OneEuroSettings(100, 1.0, 0.1, 1.0),
            Lens = lens,
            Registration = new StageRegistration(Quat.FromAxisAngle(Vec3.UnitY, 0.3).ToMatrix(), new Vec3(1, 0, 0), 1.01),
            Delay = TrackingDelay.FromMilliseconds(3),
        });
        for (var i = 0; i < 40; i++)
        {
            state.Add(Sample(i * 10, new Vec3(i * 0.01, 0, 0), i * 0.5, 30, 500));
        }

        var sink = 0.0;
        sink += state.Evaluate(Ms(200)).Position.X;

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            sink += state.Evaluate(Ms(250 + (i % 300))).Position.X;
            if (i % 10 == 0)
            {
                state.Add(Sample(400 + i, new Vec3(i * 0.001, 0, 0), i * 0.01, 30, 500));
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.True(double.IsFinite(sink));
        Assert.Equal(0, allocated);
    }
}
