// The calibration store without a server: validation names the field, versions guard changes, a change reaches the
// camera hub's next evaluation, and SolveRegistration solves (and applies) with the CLI's solver.
using System.Diagnostics;
using StageControl.Coordinator.Calibration;
using StageControl.Coordinator.Frames;
using StageControl.Coordinator.Tracking;
using StageControl.Core.Timing;
using StageControl.Protos.V1;
using StageControl.Rpc;
using StageControl.Tracking;
using CoreVec3 = StageControl.Core.Geometry.Vec3;

namespace StageControl.Coordinator.Tests.Calibration;

public sealed class CalibrationStoreTests
{
    private const long Now = 1_735_689_600_000_000_000;

    private static (CalibrationStore Store, CameraHub Hub) Create()
    {
        var config = TestStage.Demo();
        var hub = new CameraHub(config.Cameras, new CoordinatorClock(TimeProvider.System, new FrameClock(0, config.FrameRate)));
        return (new CalibrationStore(hub), hub);
    }

    /// <summary>90° about +Y (x → −z, z → x), row-major, and t = (0.5, 0, 2).</summary>
    internal static CameraRegistration QuarterTurn(double scale = 1)
    {
        var registration = new CameraRegistration { Translation = new Vec3 { X = 0.5, Y = 0, Z = 2 }, Scale = scale, RmsM = 0.001, PointCount = 4 };
        registration.Rotation.Add([0, 0, 1, 0, 1, 0, -1, 0, 0]);
        return registration;
    }

    private static CameraRegistration WithRotation(params double[] r)
    {
        var registration = QuarterTurn();
        registration.Rotation.Clear();
        registration.Rotation.Add(r);
        return registration;
    }

    [Fact]
    public void Set_Registration_VersionChangedByAndNextEvaluationMoved()
    {
        // Arrange
        var (store, hub) = Create();
        var now = Stopwatch.GetTimestamp();
        hub.OnSample(0, new TrackingSample(now, 1, new CoreVec3(1, 1.5, -2), Core.Geometry.Quat.Identity, double.NaN, double.NaN, double.NaN, -1, -1, 1));
        var before = hub.Evaluate(0, now, 0);

        // Act
        var record = store.Set(new SetCameraCalibrationRequest { Camera = "A-cam", Registration = QuarterTurn(), DelayMs = -10 }, "technician:alice", Now);
        var after = hub.Evaluate(0, now, 0);

        // Assert: tracked point (1, 1.5, −2) → R·p = (−2, 1.5, −1), + t = (−1.5, 1.5, 1); the eye is 0.12 m down the
        // camera's −Z, which R turns into −X: (−1.62, 1.5, 1).
        Assert.Equal(2UL, record.Version);
        Assert.Equal("technician:alice", record.ChangedBy);
        Assert.Equal(Now, record.ChangedUnixNs);
        Assert.Equal(-10, record.DelayMs);
        Assert.Equal(Now, record.Registration.SolvedUnixNs);
        Assert.Equal(-2.12, before.Position.Z, 9);
        Assert.Equal(-1.62, after.Position.X, 9);
        Assert.Equal(1.5, after.Position.Y, 9);
        Assert.Equal(1.0, after.Position.Z, 9);
        Assert.Same(record, store.Records[0]);
    }

    public static TheoryData<string, SetCameraCalibrationRequest> BadRequests() => new()
    {
        { "registration.rotation: needs 9 values", new() { Camera = "A-cam", Registration = WithRotation(1, 0, 0, 0, 1, 0) } },
        { "registration.rotation: is not orthonormal", new() { Camera = "A-cam", Registration = WithRotation(1, 0.01, 0, 0, 1, 0, 0, 0, 1) } },
        { "put the scale in 'scale'", new() { Camera = "A-cam", Registration = WithRotation(2, 0, 0, 0, 2, 0, 0, 0, 2) } },
        { "registration.rotation: has determinant -1", new() { Camera = "A-cam", Registration = WithRotation(1, 0, 0, 0, 1, 0, 0, 0, -1) } },
        { "registration.rotation[4]: NaN is not a finite number", new() { Camera = "A-cam", Registration = WithRotation(1, 0, 0, 0, double.NaN, 0, 0, 0, 1) } },
        { "registration.translation: is 1500 m long", new() { Camera = "A-cam", Registration = new CameraRegistration(QuarterTurn()) { Translation = new Vec3 { X = 1500 } } } },
        { "registration.scale: 100 is outside (0.01, 100)", new() { Camera = "A-cam", Registration = QuarterTurn(100) } },
        { "registration.scale: 0.01 is outside", new() { Camera = "A-cam", Registration = QuarterTurn(0.01) } },
        { "registration.scale: -1 is outside", new() { Camera = "A-cam", Registration = QuarterTurn(-1) } },
        { "delay_ms: 500.5 is outside -500..500", new() { Camera = "A-cam", DelayMs = 500.5 } },
        { "delay_ms: NaN is outside", new() { Camera = "A-cam", DelayMs = double.NaN } },
        { "filter.min_cutoff_hz: 0 is not a positive finite number", new() { Camera = "A-cam", Filter = new OneEuroParameters { MinCutoffHz = 0, Beta = 0.1 } } },
        { "filter.beta: -0.1 is not a finite number", new() { Camera = "A-cam", Filter = new OneEuroParameters { MinCutoffHz = 1, Beta = -0.1 } } },
        { "filter.derivative_cutoff_hz: Infinity", new() { Camera = "A-cam", Filter = new OneEuroParameters { MinCutoffHz = 1, DerivativeCutoffHz = double.PositiveInfinity } } },
        { "filter_off: not together with filter", new() { Camera = "A-cam", Filter = new OneEuroParameters { MinCutoffHz = 1 }, FilterOff = true } },
        { "clear_registration: not together with registration", new() { Camera = "A-cam", Registration = QuarterTurn(), ClearRegistration = true } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Set_BadValue_InvalidArgumentNamingTheFieldAndNothingApplied(string expected, SetCameraCalibrationRequest request)
    {
        // Arrange
        var (store, _) = Create();
        var changes = 0;
        store.Changed += () => changes++;

        // Act
        var e = Assert.Throws<RpcException>(() => store.Set(request, "local", Now));

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(expected, e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1UL, store.Records[0].Version);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void Set_UnknownCamera_NotFoundListingTheCameras()
    {
        // Arrange
        var (store, _) = Create();

        // Act
        var e = Assert.Throws<RpcException>(() => store.Set(new SetCameraCalibrationRequest { Camera = "Z-cam", DelayMs = 5 }, "local", Now));

        // Assert
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Equal("camera: unknown camera 'Z-cam'; the stage has cameras A-cam", e.Status.Detail);
    }

    [Fact]
    public void Set_ExpectedVersion_MatchAppliesMismatchFailedPrecondition()
    {
        // Arrange
        var (store, _) = Create();

        // Act
        var first = store.Set(new SetCameraCalibrationRequest { Camera = "A-cam", DelayMs = 5, ExpectedVersion = 1 }, "local", Now);
        var stale = Assert.Throws<RpcException>(() => store.Set(new SetCameraCalibrationRequest { Camera = "A-cam", DelayMs = 9, ExpectedVersion = 1 }, "local", Now));

        // Assert
        Assert.Equal(2UL, first.Version);
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        Assert.Equal("expected_version: camera 'A-cam' is at version 2, not 1", stale.Status.Detail);
        Assert.Equal(5, store.Records[0].DelayMs);
    }

    [Fact]
    public void Set_FilterThenOffThenClearRegistration_OnlyTheGivenFieldsChange()
    {
        // Arrange
        var (store, _) = Create();
        store.Set(new SetCameraCalibrationRequest { Camera = "A-cam", Registration = QuarterTurn(), DelayMs = 12 }, "local", Now);

        // Act
        var filtered = store.Set(new SetCameraCalibrationRequest { Camera = "A-cam", Filter = new OneEuroParameters { MinCutoffHz = 1.5, Beta = 0.007 } }, "local", Now);
        var off = store.Set(new SetCameraCalibrationRequest { Camera = "A-cam", FilterOff = true }, "local", Now);
        var cleared = store.Set(new SetCameraCalibrationRequest { Camera = "A-cam", ClearRegistration = true }, "local", Now);

        // Assert
        Assert.NotNull(filtered.Registration);
        Assert.Equal(12, filtered.DelayMs);
        Assert.Equal(1.5, filtered.Filter.MinCutoffHz);
        Assert.Equal(1.0, filtered.Filter.DerivativeCutoffHz);
        Assert.Null(off.Filter);
        Assert.NotNull(off.Registration);
        Assert.Null(cleared.Registration);
        Assert.Equal(12, cleared.DelayMs);
        Assert.Equal(5UL, cleared.Version);
    }

    [Fact]
    public void Solve_ExactPointsWithApply_RecoversTheTransformResidualsPerPointAndApplies()
    {
        // Arrange: stage = R·tracker + t with the quarter turn.
        var (store, _) = Create();
        var request = new SolveRegistrationRequest { Camera = "A-cam", Apply = true };
        foreach (var (name, x, y, z) in new[] { ("P1", 0.0, 0.0, 0.0), ("P2", 1.0, 0.0, 0.0), ("P3", 0.0, 2.0, 0.0), ("P4", 0.0, 0.0, 3.0) })
        {
            request.Points.Add(new SurveyPoint
            {
                Name = name,
                Tracker = new Vec3 { X = x, Y = y, Z = z },
                Stage = new Vec3 { X = z + 0.5, Y = y, Z = -x + 2 },
            });
        }

        // Act
        var solved = store.Solve(request, "technician", Now);

        // Assert
        Assert.True(solved.Applied);
        Assert.Equal(["P1", "P2", "P3", "P4"], solved.Residuals.Select(r => r.Name));
        Assert.All(solved.Residuals, r => Assert.True(r.ResidualM < 1e-9));
        Assert.Equal(4, solved.Registration.PointCount);
        Assert.Equal(Now, solved.Registration.SolvedUnixNs);
        var expected = QuarterTurn();
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(expected.Rotation[i], solved.Registration.Rotation[i], 9);
        }

        Assert.Equal(0.5, solved.Registration.Translation.X, 9);
        Assert.Equal(2, solved.Registration.Translation.Z, 9);
        Assert.Equal(2UL, solved.Calibration.Version);
        Assert.Same(solved.Calibration, store.Records[0]);
    }

    [Fact]
    public void Solve_WithoutApply_NothingChanges()
    {
        // Arrange
        var (store, _) = Create();
        var request = new SolveRegistrationRequest { Camera = "A-cam" };
        foreach (var (x, y, z) in new[] { (0.0, 0.0, 0.0), (1.0, 0.0, 0.0), (0.0, 1.0, 0.0) })
        {
            request.Points.Add(new SurveyPoint { Tracker = new Vec3 { X = x, Y = y, Z = z }, Stage = new Vec3 { X = x, Y = y, Z = z } });
        }

        // Act
        var solved = store.Solve(request, "technician", Now);

        // Assert
        Assert.False(solved.Applied);
        Assert.Equal(["P1", "P2", "P3"], solved.Residuals.Select(r => r.Name));
        Assert.Equal(1UL, store.Records[0].Version);
        Assert.Null(store.Records[0].Registration);
    }

    [Fact]
    public void Solve_CollinearOrTooFewPoints_InvalidArgumentOnPoints()
    {
        // Arrange
        var (store, _) = Create();
        var collinear = new SolveRegistrationRequest { Camera = "A-cam", Apply = true };
        for (var i = 0; i < 4; i++)
        {
            collinear.Points.Add(new SurveyPoint { Name = "L" + i, Tracker = new Vec3 { X = i }, Stage = new Vec3 { X = i } });
        }

        var few = new SolveRegistrationRequest { Camera = "A-cam" };
        few.Points.Add(new SurveyPoint { Name = "only", Tracker = new Vec3(), Stage = new Vec3() });

        // Act
        var line = Assert.Throws<RpcException>(() => store.Solve(collinear, "technician", Now));
        var one = Assert.Throws<RpcException>(() => store.Solve(few, "technician", Now));

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, line.StatusCode);
        Assert.StartsWith("points: the tracker points are collinear", line.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("points: registration needs at least 3 point pairs, got 1", one.Status.Detail);
        Assert.Equal(1UL, store.Records[0].Version);
    }
}
