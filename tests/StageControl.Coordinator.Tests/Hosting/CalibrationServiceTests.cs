// CalibrationService on a real coordinator: a registration applied over gRPC moves the evaluated camera (status, the
// nodes' poses and cues) as the transform says; the state directory keeps calibration and operator controls across a
// restart; a broken state file refuses the start naming the file and the JSON path.
using System.Net;
using System.Net.Sockets;
using StageControl.Coordinator.Simulation;
using StageControl.Coordinator.State;
using StageControl.Coordinator.Tests.Calibration;
using StageControl.Protos.V1;
using StageControl.Rpc;
using StageControl.Tracking.FreeD;

namespace StageControl.Coordinator.Tests.Hosting;

public sealed class CalibrationServiceTests : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("stagecontrol-state-host-").FullName;

    private static CallOptions Deadline => new(Deadline: DateTime.UtcNow.AddSeconds(10));

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    private Task<CoordinatorHost> StartWithStateAsync() => CoordinatorHost.StartAsync(new CoordinatorOptions
    {
        Config = TestStage.Demo(),
        Grpc = new IPEndPoint(IPAddress.Loopback, 0),
        Http = new IPEndPoint(IPAddress.Loopback, 0),
        TrackingPort = 0,
        TrackingAddress = IPAddress.Loopback,
        StateDirectory = _stateDir,
    });

    private static async Task SendFreeDAsync(CoordinatorHost host)
    {
        // Camera 1 level (pan = tilt = roll = 0) at tracker x 1 m, y 2 m, height 1.5 m → (1, 1.5, −2) before registration.
        var datagram = new byte[FreeDWriter.D1Length];
        FreeDWriter.Write(FreeDSample.FromPose(1, 0, 0, 0, 1000, 2000, 1500, 0x8000, 0x8000, 0), datagram);
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        await udp.SendAsync(datagram, new IPEndPoint(IPAddress.Loopback, host.TrackingPorts[0]));
    }

    private static bool Near(Vec3? p, double x, double y, double z) =>
        p is not null && Math.Abs(p.X - x) < 1e-6 && Math.Abs(p.Y - y) < 1e-6 && Math.Abs(p.Z - z) < 1e-6;

    [Fact]
    public async Task SetCameraCalibration_Registration_StatusPoseAndCueMoveAsTheTransformSays()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        await using var node = new SimulatedNode(host.GrpcUri, "node-1");
        await node.ConnectAsync().WaitAsync(TestStage.Timeout);
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var client = new CalibrationService.CalibrationServiceClient(channel.CreateCallInvoker());
        var status = new StatusService.StatusServiceClient(channel.CreateCallInvoker());
        await SendFreeDAsync(host);
        await TestStage.Until(() => Near(node.LastCue?.Cameras[0].Position, 1, 1.5, -2.12), "a cue with the unregistered camera");

        // Act: stage = R·tracker + t with R = 90° about +Y (x → −z, z → x), t = (0.5, 0, 2).
        var applied = await client.SetCameraCalibrationAsync(new SetCameraCalibrationRequest { Camera = "A-cam", Registration = CalibrationStoreTests.QuarterTurn() }, Deadline);
        var snapshot = await status.GetStatusAsync(new GetStatusRequest(), Deadline);
        await SendFreeDAsync(host);

        // Assert: (1, 1.5, −2) → (−2, 1.5, −1) + t = (−1.5, 1.5, 1); the eye, 0.12 m down the camera's −Z, turns to −X.
        Assert.Equal(2UL, applied.Version);
        Assert.Equal("local", applied.ChangedBy);
        var camera = Assert.Single(snapshot.Cameras, c => c.Name == "A-cam");
        Assert.True(Near(camera.Position, -1.62, 1.5, 1), camera.Position.ToString());
        var listed = Assert.Single(snapshot.Calibration);
        Assert.Equal(("A-cam", 0.001, 4), (listed.Camera, listed.Registration.RmsM, listed.Registration.PointCount));
        await TestStage.Until(() => Near(node.LastPose?.Camera.Position, -1.62, 1.5, 1), "the registered pose on the node");
        await TestStage.Until(() => Near(node.LastCue?.Cameras[0].Position, -1.62, 1.5, 1), "a cue with the registered camera");
        var got = await client.GetCalibrationAsync(new GetCalibrationRequest(), Deadline);
        Assert.Equal(applied, Assert.Single(got.Cameras));
    }

    [Fact]
    public async Task SetCameraCalibration_BadValueOrUnknownCamera_RefusedNamingTheField()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var client = new CalibrationService.CalibrationServiceClient(channel.CreateCallInvoker());

        // Act
        var delay = await Assert.ThrowsAsync<RpcException>(() => client.SetCameraCalibrationAsync(new SetCameraCalibrationRequest { Camera = "A-cam", DelayMs = -600 }, Deadline).ResponseAsync);
        var camera = await Assert.ThrowsAsync<RpcException>(() => client.SetCameraCalibrationAsync(new SetCameraCalibrationRequest { Camera = "nope", DelayMs = 1 }, Deadline).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, delay.StatusCode);
        Assert.Equal("delay_ms: -600 is outside -500..500", delay.Status.Detail);
        Assert.Equal(StatusCode.NotFound, camera.StatusCode);
        Assert.Equal("camera: unknown camera 'nope'; the stage has cameras A-cam", camera.Status.Detail);
    }

    [Fact]
    public async Task Restart_WithStateDirectory_CalibrationAndOperatorControlsKept()
    {
        // Arrange: change both, then stop.
        CameraCalibration before;
        OperatorState controls;
        await using (var host = await StartWithStateAsync())
        {
            using var channel = RpcChannel.ForAddress(host.GrpcUri);
            var calibration = new CalibrationService.CalibrationServiceClient(channel.CreateCallInvoker());
            await calibration.SetCameraCalibrationAsync(new SetCameraCalibrationRequest { Camera = "A-cam", Registration = CalibrationStoreTests.QuarterTurn() }, Deadline);
            before = await calibration.SetCameraCalibrationAsync(new SetCameraCalibrationRequest
            {
                Camera = "A-cam", DelayMs = -20, Filter = new OneEuroParameters { MinCutoffHz = 1.2, Beta = 0.01 },
            }, Deadline);
            controls = await new OperatorService.OperatorServiceClient(channel.CreateCallInvoker())
                .SetControlsAsync(new SetControlsRequest { OverscanPct = 15, SoftEdge = 0.25, DelayOffsetMs = 4 }, Deadline);
            Assert.Equal(_stateDir, host.StateDirectory);
        }

        // Act
        await using var again = await StartWithStateAsync();
        using var channel2 = RpcChannel.ForAddress(again.GrpcUri);
        var after = await new CalibrationService.CalibrationServiceClient(channel2.CreateCallInvoker()).GetCalibrationAsync(new GetCalibrationRequest(), Deadline);
        var restored = await new OperatorService.OperatorServiceClient(channel2.CreateCallInvoker()).GetControlsAsync(new GetControlsRequest(), Deadline);
        var status = again.GetStatus();

        // Assert
        Assert.Equal(before, Assert.Single(after.Cameras));
        Assert.Equal(3UL, before.Version);
        Assert.Equal((15.0, 0.25, 4.0, controls.Version), (restored.OverscanPct, restored.SoftEdge, restored.DelayOffsetMs, restored.Version));
        Assert.Equal(before, Assert.Single(status.Calibration));
        Assert.Equal(15, status.Operator.OverscanPct);
    }

    [Fact]
    public async Task Start_BrokenStateFile_RefusedNamingTheFileAndThePath()
    {
        // Arrange
        var file = Path.Combine(_stateDir, StateFiles.CalibrationFile);
        File.WriteAllText(file, """{"format": 1, "cameras": {"A-cam": {"version": 2, "registration": {"rotation": [[1,0,0],[0,1,0],[0,0,-1]], "translation": [0,0,0], "scale": 1}}}}""");

        // Act
        var e = await Assert.ThrowsAsync<CoordinatorStartException>(StartWithStateAsync);

        // Assert
        Assert.Equal(
            $"state file {file}: $.cameras['A-cam'].registration.rotation: has determinant -1, not +1 (a reflection, not a rotation: check the handedness of the tracker's axes) (fix it, or move it away to start from defaults)",
            e.Message);
    }
}
