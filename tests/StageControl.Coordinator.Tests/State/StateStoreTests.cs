// The state store on a real directory: load/save round trip, a broken or unreadable file refuses the start naming the
// file and the JSON path, cameras no longer in the config are kept, and a failed write is counted, retried and never
// loses the in-memory state or leaves a partial file.
using Microsoft.Extensions.Logging.Abstractions;
using StageControl.Coordinator.Calibration;
using StageControl.Coordinator.Frames;
using StageControl.Coordinator.Operator;
using StageControl.Coordinator.Simulation;
using StageControl.Coordinator.State;
using StageControl.Coordinator.Tests.Calibration;
using StageControl.Coordinator.Tracking;
using StageControl.Core.IO;
using StageControl.Core.Timing;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.Tests.State;

public sealed class StateStoreTests : IDisposable
{
    private const long Now = 1_735_689_600_000_000_000;
    private static readonly string[] Cameras = ["A-cam"];

    private readonly string _dir = Directory.CreateTempSubdirectory("stagecontrol-state-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static (CalibrationStore Calibration, OperatorControls Controls) Fresh()
    {
        var config = TestStage.Demo();
        var hub = new CameraHub(config.Cameras, new CoordinatorClock(TimeProvider.System, new FrameClock(0, config.FrameRate)));
        return (new CalibrationStore(hub), new OperatorControls(Cameras));
    }

    private StateStore Open(CalibrationStore calibration, OperatorControls controls) =>
        StateStore.Open(_dir, calibration, controls, Cameras, NullLogger.Instance);

    [Fact]
    public void Open_EmptyDirectory_DefaultsAndNothingWritten()
    {
        // Arrange
        var (calibration, controls) = Fresh();

        // Act
        using (var store = Open(calibration, controls))
        {
            // Assert
            Assert.Empty(store.Warnings);
            Assert.Equal(1UL, calibration.Records[0].Version);
            Assert.Null(calibration.Records[0].Registration);
            Assert.Equal(1UL, controls.Current.Version);
        }

        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Changes_DisposeThenOpenAgain_RestoredWithVersionsContinuing()
    {
        // Arrange: a burst of calibration changes and an operator change.
        var (calibration, controls) = Fresh();
        using (Open(calibration, controls))
        {
            calibration.Set(new SetCameraCalibrationRequest { Camera = "A-cam", Registration = CalibrationStoreTests.QuarterTurn() }, "technician:alice", Now);
            calibration.Set(new SetCameraCalibrationRequest { Camera = "A-cam", DelayMs = -12.5 }, "technician:alice", Now + 1);
            calibration.Set(new SetCameraCalibrationRequest { Camera = "A-cam", Filter = new OneEuroParameters { MinCutoffHz = 1, Beta = 0.007 } }, "technician:bob", Now + 2);
            controls.Set(new SetControlsRequest { OverscanPct = 12.5, SoftEdge = 0.2, ChromaKey = new ChromaKey { Enabled = true, Green = 0.7f } }, 100);
        }

        var (calibration2, controls2) = Fresh();

        // Act
        using var reopened = Open(calibration2, controls2);
        var restoredCalibration = calibration2.Records[0];
        var restoredControls = controls2.Current;
        var next = calibration2.Set(new SetCameraCalibrationRequest { Camera = "A-cam", DelayMs = 3 }, "local", Now + 3);
        var op = controls2.Set(new SetControlsRequest { SoftEdge = 0.3 }, 5);

        // Assert
        Assert.Equal(calibration.Records[0], restoredCalibration);
        Assert.Equal(4UL, restoredCalibration.Version);
        Assert.Equal("technician:bob", restoredCalibration.ChangedBy);
        Assert.Equal(-12.5, restoredCalibration.DelayMs);
        Assert.Equal(new OperatorState(controls.Current) { AppliesFromFrame = long.MinValue }, restoredControls);
        Assert.Equal(5UL, next.Version);
        Assert.Equal(CalibrationStoreTests.QuarterTurn().Rotation, next.Registration.Rotation);
        Assert.Equal(0.007, next.Filter.Beta);
        Assert.Equal(12.5, op.OverscanPct);
        Assert.True(op.ChromaKey.Enabled);
        Assert.Equal(0.3, op.SoftEdge);
        Assert.Equal(3UL, op.Version);
        Assert.DoesNotContain(Directory.GetFiles(_dir), f => AtomicFile.IsTempFile(Path.GetFileName(f)));
    }

    [Fact]
    public void Open_UnfinishedWriteLeftBehind_RemovedAndTheCompleteFileUsed()
    {
        // Arrange: a coordinator killed mid-write leaves its temporary file next to the last complete one.
        File.WriteAllText(PathOf(StateFiles.CalibrationFile), """{"format": 1, "cameras": {"A-cam": {"version": 4, "delayMs": 7}}}""");
        var partial = PathOf(".calibration.json.4242.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(partial, """{"format": 1, "cameras": {"A-cam": {"vers""");
        var (calibration, controls) = Fresh();

        // Act
        using var store = Open(calibration, controls);

        // Assert
        Assert.False(File.Exists(partial));
        Assert.Contains("removed an unfinished write", Assert.Single(store.Warnings), StringComparison.Ordinal);
        Assert.Equal((4UL, 7.0), (calibration.Records[0].Version, calibration.Records[0].DelayMs));
    }

    [Fact]
    public void Open_BrokenCalibrationFile_StartRefusedNamingFileAndPath()
    {
        // Arrange
        File.WriteAllText(PathOf(StateFiles.CalibrationFile), """{"format": 1, "cameras": {"A-cam": {"version": 2, "delayMs": 750}}}""");
        var (calibration, controls) = Fresh();

        // Act
        var e = Assert.Throws<CoordinatorStartException>(() => Open(calibration, controls));

        // Assert
        Assert.Contains(PathOf(StateFiles.CalibrationFile), e.Message, StringComparison.Ordinal);
        Assert.Contains("$.cameras['A-cam'].delayMs: 750 is outside -500..500", e.Message, StringComparison.Ordinal);
        Assert.Null(calibration.Records[0].Registration);
        Assert.Equal(0, calibration.Records[0].DelayMs);
    }

    [Fact]
    public void Open_UnreadableOperatorFile_StartRefusedNamingTheFile()
    {
        // Arrange: a directory where the file should be cannot be read as one.
        Directory.CreateDirectory(PathOf(StateFiles.OperatorFile));
        var (calibration, controls) = Fresh();

        // Act
        var e = Assert.Throws<CoordinatorStartException>(() => Open(calibration, controls));

        // Assert
        Assert.StartsWith($"state file {PathOf(StateFiles.OperatorFile)}: cannot be read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CameraNoLongerInTheConfig_WarnedAndKeptOnTheNextWrite()
    {
        // Arrange
        File.WriteAllText(PathOf(StateFiles.CalibrationFile), """
            {"format": 1, "cameras": {
              "A-cam": {"version": 2, "delayMs": 4},
              "B-cam": {"version": 9, "delayMs": -20, "changedBy": "technician"}}}
            """);
        var (calibration, controls) = Fresh();

        // Act
        using (var store = Open(calibration, controls))
        {
            var restoredDelay = calibration.Records[0].DelayMs;
            calibration.Set(new SetCameraCalibrationRequest { Camera = "A-cam", DelayMs = 6 }, "local", Now);

            // Assert
            var warning = Assert.Single(store.Warnings);
            Assert.Contains("camera 'B-cam' is not in the stage config", warning, StringComparison.Ordinal);
            Assert.Equal(4, restoredDelay);
            Assert.Equal("B-cam", Assert.Single(calibration.Orphans).Camera);
        }

        var written = StateFiles.ParseCalibration(File.ReadAllText(PathOf(StateFiles.CalibrationFile)));
        Assert.Equal(["A-cam", "B-cam"], written.Select(r => r.Camera));
        Assert.Equal((3UL, 6.0), (written[0].Version, written[0].DelayMs));
        Assert.Equal((9UL, -20.0), (written[1].Version, written[1].DelayMs));
    }

    [Fact]
    public void Open_FreezeAndUnknownCamera_NotRestoredWithWarnings_LinkedCameraKept()
    {
        // Arrange
        File.WriteAllText(PathOf(StateFiles.OperatorFile), """{"format": 1, "version": 6, "activeCamera": "Z-cam", "overscanPct": 5, "freeze": true}""");
        var (calibration, controls) = Fresh();

        // Act
        using (var store = Open(calibration, controls))
        {
            // Assert
            Assert.Equal(2, store.Warnings.Count);
            Assert.Contains(store.Warnings, w => w.Contains("freeze was on; it is not restored", StringComparison.Ordinal));
            Assert.Contains(store.Warnings, w => w.Contains("active camera 'Z-cam' is not in the stage config; using 'A-cam'", StringComparison.Ordinal));
            Assert.Equal(("A-cam", false, 5.0, 6UL), (controls.Current.ActiveCamera, controls.Current.Freeze, controls.Current.OverscanPct, controls.Current.Version));
            Assert.Equal(long.MinValue, controls.ForFrame(0).AppliesFromFrame);
        }

        File.WriteAllText(PathOf(StateFiles.OperatorFile), """{"format": 1, "version": 2, "activeCamera": "hq/A-cam"}""");
        var (calibration2, controls2) = Fresh();
        using var linked = Open(calibration2, controls2);
        Assert.Equal("hq/A-cam", controls2.Current.ActiveCamera);
        Assert.Empty(linked.Warnings);
    }

    [Fact]
    public async Task Write_Fails_CountedStateKeptNoPartialFileThenRetriedAfterTheFix()
    {
        // Arrange: the file's place is taken by a directory, so the (complete) temporary file cannot be renamed over it.
        var (calibration, controls) = Fresh();
        using var store = Open(calibration, controls);
        var target = PathOf(StateFiles.CalibrationFile);
        Directory.CreateDirectory(target);

        // Act
        var record = calibration.Set(new SetCameraCalibrationRequest { Camera = "A-cam", DelayMs = 42 }, "local", Now);
        var failed = await SimulatedNode.WaitUntilAsync(() => store.WriteFailures >= 1, TestStage.Timeout);
        var tempsAfterFailure = Directory.GetFiles(_dir).Where(f => AtomicFile.IsTempFile(Path.GetFileName(f))).ToList();
        var lastError = store.LastError;
        Directory.Delete(target);
        var saved = await SimulatedNode.WaitUntilAsync(() => store.Writes >= 1 && !store.Pending, TestStage.Timeout);

        // Assert
        Assert.True(failed, "the failed write was not counted");
        Assert.Same(record, calibration.Records[0]);
        Assert.Equal(42, calibration.Records[0].DelayMs);
        Assert.Empty(tempsAfterFailure);
        Assert.Contains($"cannot save {target}", lastError, StringComparison.Ordinal);
        Assert.True(saved, $"the retry did not save the change ({store.WriteFailures} failures, last: {store.LastError})");
        Assert.Null(store.LastError);
        var written = Assert.Single(StateFiles.ParseCalibration(File.ReadAllText(target)));
        Assert.Equal((2UL, 42.0), (written.Version, written.DelayMs));
    }
}
