// The camera hub's frame-loop path (Evaluate into a reused CameraState) with calibration swapped in at run time.
using System.Diagnostics;
using StageControl.Coordinator.Calibration;
using StageControl.Coordinator.Frames;
using StageControl.Coordinator.Tests.Calibration;
using StageControl.Coordinator.Tracking;
using StageControl.Core.Timing;
using StageControl.Protos.V1;
using StageControl.Tracking;

namespace StageControl.Coordinator.Tests.Tracking;

public sealed class CameraHubTests
{
    [Fact]
    public void Evaluate_IntoTargetAfterCalibrationChanges_AllocatesNothingAndUsesTheNewest()
    {
        // Arrange: a filtered, delayed, registered camera, recalibrated while samples keep coming.
        var config = TestStage.Demo();
        var hub = new CameraHub(config.Cameras, new CoordinatorClock(TimeProvider.System, new FrameClock(0, config.FrameRate)));
        var store = new CalibrationStore(hub);
        store.Set(new SetCameraCalibrationRequest
        {
            Camera = "A-cam", Registration = CalibrationStoreTests.QuarterTurn(), DelayMs = 2,
            Filter = new OneEuroParameters { MinCutoffHz = 1, Beta = 0.01 },
        }, "local", 1);
        var t0 = Stopwatch.GetTimestamp();
        var step = Stopwatch.Frequency / 240;
        for (var i = 0; i < 64; i++)
        {
            hub.OnSample(0, new TrackingSample(t0 + (i * step), i + 1, new Core.Geometry.Vec3(1, 1.5, -2), Core.Geometry.Quat.Identity, double.NaN, double.NaN, double.NaN, -1, -1, i + 1));
        }

        var target = new CameraState();
        var last = t0 + (63 * step);
        hub.Evaluate(0, last, 0, target);
        store.Set(new SetCameraCalibrationRequest { Camera = "A-cam", ClearRegistration = true, DelayMs = -3 }, "local", 2);
        hub.Evaluate(0, last, 0, target);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5_000; i++)
        {
            hub.Evaluate(0, last + (i % 10), 0.5, target);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert: registration cleared → the tracker position again (eye 0.12 m down −Z).
        Assert.Equal(0, allocated);
        Assert.Equal(1, target.Position.X, 6);
        Assert.Equal(-2.12, target.Position.Z, 6);
    }
}
