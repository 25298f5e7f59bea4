// The stage, operator, status, tracking and health services and the HTTP endpoint of a real coordinator.
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Grpc.Health.V1;
using StageControl.Coordinator.Simulation;
using StageControl.Protos.V1;
using StageControl.Rpc;
using StageControl.Tracking.FreeD;

namespace StageControl.Coordinator.Tests.Hosting;

public sealed class ServiceTests
{
    private static CallOptions Deadline => new(Deadline: DateTime.UtcNow.AddSeconds(10));

    [Fact]
    public async Task Health_Started_EveryServiceServing()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var health = new Grpc.Health.V1.Health.HealthClient(channel.CreateCallInvoker());

        // Act / Assert
        foreach (var service in new[] { string.Empty, NodeSession.ServiceName, StageService.ServiceName, TrackingService.ServiceName, OperatorService.ServiceName, StatusService.ServiceName })
        {
            var reply = await health.CheckAsync(new HealthCheckRequest { Service = service }, Deadline);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        }
    }

    [Fact]
    public async Task Http_HealthzAndStatus_ServingAndTheSnapshotAsJson()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        using var http = new HttpClient { BaseAddress = host.HttpUri };

        // Act
        var healthz = await http.GetStringAsync("/healthz");
        using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status"));

        // Assert
        Assert.Equal("SERVING", healthz);
        Assert.Equal("Demo Volume", status.RootElement.GetProperty("stageName").GetString());
        Assert.Equal(4, status.RootElement.GetProperty("nodes").GetArrayLength());
        Assert.Equal("NODE_STATE_OFFLINE", status.RootElement.GetProperty("nodes")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task GetStage_Demo_EveryPanelNodeAndCamera()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);

        // Act
        var stage = await new StageService.StageServiceClient(channel.CreateCallInvoker()).GetStageAsync(new GetStageRequest(), Deadline);

        // Assert
        Assert.Equal(host.Config.PanelCount, stage.Panels.Count);
        Assert.Equal(host.Config.PixelCount, stage.TotalPixels);
        Assert.Equal(host.Config.Nodes.Select(n => n.Name), stage.Nodes.Select(n => n.Name));
        Assert.Equal(stage.TotalPixels, stage.Nodes.Sum(n => n.Pixels));
        var camera = Assert.Single(stage.Cameras);
        Assert.Equal(("A-cam", "freed", 8001, 1), (camera.Name, camera.Protocol, camera.Port, camera.CameraId));
    }

    [Fact]
    public async Task SetControls_Invalid_InvalidArgumentNamingTheField()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var client = new OperatorService.OperatorServiceClient(channel.CreateCallInvoker());

        // Act
        var e = await Assert.ThrowsAsync<RpcException>(() => client.SetControlsAsync(new SetControlsRequest { SoftEdge = 0.7 }, Deadline).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("soft_edge:", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetControls_Valid_AppliesFromTheNextFrameInTheCues()
    {
        // Arrange
        await using var host = await TestStage.StartAsync(TestStage.WithRate(TestStage.Demo(), new Core.Timing.FrameRate(50, 1)));
        await using var sim = new SimulatedNode(host.GrpcUri, "node-1");
        await sim.ConnectAsync().WaitAsync(TestStage.Timeout);
        await TestStage.Until(() => sim.LastCue is not null, "a first cue");
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var client = new OperatorService.OperatorServiceClient(channel.CreateCallInvoker());
        var frameBefore = host.CurrentFrame;

        // Act
        var state = await client.SetControlsAsync(new SetControlsRequest { OverscanPct = 15, ExpectedVersion = 1 }, Deadline);
        await TestStage.Until(() => sim.LastCue!.Frame >= state.AppliesFromFrame, "a cue of the frame the change applies from");
        var read = await client.GetControlsAsync(new GetControlsRequest(), Deadline);

        // Assert
        Assert.Equal(2UL, state.Version);
        Assert.True(state.AppliesFromFrame > frameBefore, $"applies from {state.AppliesFromFrame}, frame was {frameBefore}");
        Assert.Equal(15, sim.LastCue!.Operator.OverscanPct);
        Assert.Equal(state, read);
    }

    [Fact]
    public async Task GetStatus_TwoNodesJoined_NodesCamerasSyncAndOperator()
    {
        // Arrange
        await using var host = await TestStage.StartAsync(TestStage.WithRate(TestStage.Demo(), new Core.Timing.FrameRate(50, 1)));
        await using var a = new SimulatedNode(host.GrpcUri, "node-1", new SimulatedNodeOptions { Renderer = "test renderer" });
        await using var b = new SimulatedNode(host.GrpcUri, "node-3");
        await a.ConnectAsync().WaitAsync(TestStage.Timeout);
        await b.ConnectAsync().WaitAsync(TestStage.Timeout);
        await TestStage.Until(() => a.PresentsReceived > 3 && b.PresentsReceived > 3, "a few presents");
        using var channel = RpcChannel.ForAddress(host.GrpcUri);

        // Act
        var status = await new StatusService.StatusServiceClient(channel.CreateCallInvoker()).GetStatusAsync(new GetStatusRequest(), Deadline);

        // Assert
        Assert.Equal("Demo Volume", status.StageName);
        Assert.Equal(50, status.Rate.Numerator);
        Assert.True(status.Frame > 0);
        Assert.Equal(host.EpochUnixNs, status.EpochUnixNs);
        Assert.Equal([NodeState.Live, NodeState.Offline, NodeState.Live, NodeState.Offline], status.Nodes.Select(n => n.State));
        Assert.Equal("test renderer", status.Nodes[0].Renderer);
        Assert.Equal(70, status.Nodes[0].Panels);
        Assert.StartsWith("ipv4:127.0.0.1:", status.Nodes[0].Peer, StringComparison.Ordinal);
        Assert.True(status.Nodes[0].FramesReady > 0);
        var camera = Assert.Single(status.Cameras);
        Assert.Equal("A-cam", camera.Name);
        Assert.False(camera.Valid);
        Assert.True(status.Sync.FramesPresented > 0);
        Assert.Equal(status.Sync.LatencyBoundsUs.Count, status.Sync.LatencyCounts.Count);
        Assert.Equal("A-cam", status.Operator.ActiveCamera);
    }

    [Fact]
    public async Task FreeDDatagram_ToTheTrackingPort_PoseOnEveryNodeAndInStreamCameras()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        await using var a = new SimulatedNode(host.GrpcUri, "node-1");
        await using var b = new SimulatedNode(host.GrpcUri, "node-2");
        await a.ConnectAsync().WaitAsync(TestStage.Timeout);
        await b.ConnectAsync().WaitAsync(TestStage.Timeout);
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        using var cts = new CancellationTokenSource(TestStage.Timeout);
        using var stream = new TrackingService.TrackingServiceClient(channel.CreateCallInvoker()).StreamCameras(new StreamCamerasRequest(), new CallOptions(CancellationToken: cts.Token));
        var streamed = stream.ResponseStream.MoveNext(cts.Token);

        // Act: camera 1 level (pan = tilt = roll = 0) at tracker (x 1 m, y 2 m, height 1.5 m).
        var datagram = new byte[FreeDWriter.D1Length];
        FreeDWriter.Write(FreeDSample.FromPose(1, 0, 0, 0, 1000, 2000, 1500, 0x8000, 0x8000, 0), datagram);
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        await udp.SendAsync(datagram, new IPEndPoint(IPAddress.Loopback, host.TrackingPorts[0]));
        await TestStage.Until(() => a.LastPose is not null && b.LastPose is not null, "both nodes got the pose");
        Assert.True(await streamed.WaitAsync(TestStage.Timeout));

        // Assert: stage = (x, height, −y) in metres; the eye is 0.12 m (the lens's entrance pupil) down −Z.
        foreach (var pose in new[] { a.LastPose!.Camera, b.LastPose!.Camera, stream.ResponseStream.Current.Camera })
        {
            Assert.Equal("A-cam", pose.Name);
            Assert.True(pose.Valid);
            Assert.True(pose.ArrivalMonoNs > 0);
            Assert.Equal(1.0, pose.Position.X, 3);
            Assert.Equal(1.5, pose.Position.Y, 3);
            Assert.Equal(-2.12, pose.Position.Z, 3);
        }

        Assert.Equal(a.LastPose!.Camera.ArrivalMonoNs, stream.ResponseStream.Current.Camera.ArrivalMonoNs);
        var sources = await new TrackingService.TrackingServiceClient(channel.CreateCallInvoker()).ListSourcesAsync(new ListSourcesRequest(), Deadline);
        var source = Assert.Single(sources.Sources);
        Assert.Equal(("freed", host.TrackingPorts[0], 1L), (source.Protocol, source.Port, source.Packets));
        await TestStage.Until(() => host.GetStatus().Sync.PoseLatencyCount() > 0, "the pose latency was recorded");
    }

    [Fact]
    public async Task StartSyncWindow_SamplesBeforeAndAfter_CountsOnlyTheWindow()
    {
        // Arrange: one sample before the mark, with a node connected so poses are written and timed.
        await using var host = await TestStage.StartAsync();
        await using var node = new SimulatedNode(host.GrpcUri, "node-1");
        await node.ConnectAsync().WaitAsync(TestStage.Timeout);
        var datagram = new byte[FreeDWriter.D1Length];
        FreeDWriter.Write(FreeDSample.FromPose(1, 0, 0, 0, 1000, 2000, 1500, 0x8000, 0x8000, 0), datagram);
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        var tracking = new IPEndPoint(IPAddress.Loopback, host.TrackingPorts[0]);
        await udp.SendAsync(datagram, tracking);
        await TestStage.Until(() => node.LastPose is not null, "the first sample reached the node");

        // Act: mark, then two more samples.
        var window = host.StartSyncWindow();
        await udp.SendAsync(datagram, tracking);
        await udp.SendAsync(datagram, tracking);
        var done = await SimulatedNode.WaitUntilAsync(() => window.Read() is { TrackingSamples: 2, PoseLatencyP99Us: > 0 }, TestStage.Timeout);
        var figures = window.Read();
        Assert.True(done, $"timed out waiting for two samples in the window: {figures}; status sources {host.GetStatus().Sources}");

        // Assert
        Assert.Equal(2, figures.TrackingSamples);
        Assert.True(figures.Seconds > 0);
        Assert.InRange(figures.FramesPresented, 0, host.GetStatus().Sync.FramesPresented);
        Assert.InRange(figures.FramesMissed, 0, figures.FramesPresented);
    }

    [Fact]
    public async Task StartAsync_BadConfig_ListsTheProblemsAndDoesNotStart()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"coord-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\n  \"name\": \"x\",\n  \"frameRate\": \n}");

        try
        {
            // Act
            var e = await Assert.ThrowsAsync<CoordinatorStartException>(() => CoordinatorHost.StartAsync(new CoordinatorOptions
            {
                ConfigPath = path,
                Grpc = new IPEndPoint(IPAddress.Loopback, 0),
                Http = new IPEndPoint(IPAddress.Loopback, 0),
            }));

            // Assert
            Assert.NotEmpty(e.Problems);
            Assert.Contains(path + ":", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartAsync_GrpcPortInUse_NamesTheEndpoint()
    {
        // Arrange
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        // Act
        var e = await Assert.ThrowsAsync<CoordinatorStartException>(() => CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = TestStage.Demo(),
            Grpc = new IPEndPoint(IPAddress.Loopback, port),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
        }));

        // Assert
        Assert.Contains($"gRPC endpoint 127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
    }
}

internal static class SyncStatusExtensions
{
    public static long PoseLatencyCount(this SyncStatus sync) => sync.LatencyCounts.Sum();
}
