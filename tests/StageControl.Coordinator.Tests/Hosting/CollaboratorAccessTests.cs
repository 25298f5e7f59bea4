// A real coordinator with a token secret and the collaborator service: a collaborator's virtual camera reaches cues and
// status as virtual/<subject> but never the live camera; collaborators change only their own; other roles are refused.
using System.Net;
using System.Text.Json;
using StageControl.Coordinator.Simulation;
using StageControl.Core.Security;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Tests.Hosting;

public sealed class CollaboratorAccessTests
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    private static readonly TokenAuthority Authority = new(Secret);

    private static string Issue(AccessRole role, string? subject = null) => Authority.Issue(role, TimeSpan.FromHours(1), subject).Token;

    private static CallOptions As(string? token) => new(
        Headers: token is null ? null : new Metadata { { "authorization", "Bearer " + token } },
        Deadline: DateTime.UtcNow.AddSeconds(10));

    private static SetVirtualCameraRequest Camera() => new()
    {
        Position = new Vec3 { X = 0.5, Y = 1.6, Z = -3 },
        Orientation = new Quat { W = 1 },
        VerticalFovDeg = 35,
    };

    [Fact]
    public async Task SetVirtualCamera_Collaborator_InNextCueAndStatusButNeverLive()
    {
        // Arrange
        await using var host = await StartAsync();
        await using var node = new SimulatedNode(host.GrpcUri, "node-1", new SimulatedNodeOptions { Token = Issue(AccessRole.Node, "node-1") });
        await node.ConnectAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var invoker = channel.CreateCallInvoker();
        var alice = Issue(AccessRole.Collaborator, "alice");
        var collab = new CollaboratorService.CollaboratorServiceClient(invoker);

        // Act
        var camera = await collab.SetVirtualCameraAsync(Camera(), As(alice));
        await TestStage.Until(() => node.LastCue?.Cameras.Any(c => c.Name == "virtual/alice") == true, "a cue with virtual/alice");
        var status = await new StatusService.StatusServiceClient(invoker).GetStatusAsync(new GetStatusRequest(), As(alice));
        var live = await Assert.ThrowsAsync<RpcException>(() => new OperatorService.OperatorServiceClient(invoker)
            .SetControlsAsync(new SetControlsRequest { ActiveCamera = "virtual/alice" }, As(Issue(AccessRole.Operator))).ResponseAsync);

        // Assert
        Assert.Equal("virtual/alice", camera.Name);
        var cued = node.LastCue!.Cameras.Single(c => c.Name == "virtual/alice");
        Assert.True(cued.Valid);
        Assert.Equal(-3, cued.Position.Z);
        var listed = Assert.Single(status.Cameras, c => c.Name == "virtual/alice");
        Assert.True(listed.Valid);
        Assert.Equal(StatusCode.InvalidArgument, live.StatusCode);
        Assert.StartsWith("active_camera: 'virtual/alice' is a collaborator's virtual camera", live.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("A-cam", host.Runtime.Operator.Current.ActiveCamera);
    }

    [Fact]
    public async Task CollaboratorToken_SetControlsAndCalibrationDenied_WrongTokenUnauthenticated_NodeAndPeerRefused()
    {
        // Arrange
        await using var host = await StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var invoker = channel.CreateCallInvoker();
        var alice = Issue(AccessRole.Collaborator, "alice");
        var forged = new TokenAuthority(Enumerable.Repeat((byte)3, 32).ToArray()).Issue(AccessRole.Collaborator, TimeSpan.FromHours(1), "alice").Token;
        var collab = new CollaboratorService.CollaboratorServiceClient(invoker);

        // Act
        var set = await Assert.ThrowsAsync<RpcException>(() => new OperatorService.OperatorServiceClient(invoker)
            .SetControlsAsync(new SetControlsRequest { OverscanPct = 10 }, As(alice)).ResponseAsync);
        var calibration = await Assert.ThrowsAsync<RpcException>(() => new CalibrationService.CalibrationServiceClient(invoker)
            .SolveRegistrationAsync(new SolveRegistrationRequest { Camera = "A-cam", Apply = true }, As(alice)).ResponseAsync);
        var wrong = await Assert.ThrowsAsync<RpcException>(() => collab.SetVirtualCameraAsync(Camera(), As(forged)).ResponseAsync);
        var node = await Assert.ThrowsAsync<RpcException>(() => collab.SetVirtualCameraAsync(Camera(), As(Issue(AccessRole.Node, "node-1"))).ResponseAsync);
        var peer = await Assert.ThrowsAsync<RpcException>(() => collab.ListAnnotationsAsync(new ListAnnotationsRequest(), As(Issue(AccessRole.Peer))).ResponseAsync);
        var operatorCamera = await collab.SetVirtualCameraAsync(Camera(), As(Issue(AccessRole.Operator, "dop")));

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, set.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, calibration.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, node.StatusCode);
        Assert.Equal("role 'node' may not call /stagecontrol.v1.CollaboratorService/SetVirtualCamera (allowed: technician, operator, collaborator)", node.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, peer.StatusCode);
        Assert.Equal("virtual/dop", operatorCamera.Name);
        Assert.Equal(0, host.Runtime.Operator.Current.OverscanPct);
        Assert.DoesNotContain(host.Runtime.Collaborators.VirtualCameras, c => c.Name == "virtual/alice");
    }

    [Fact]
    public async Task Annotations_AuthorOnlyRemoves_TechnicianMay_StatusHttpAndWatchSeeThem()
    {
        // Arrange
        await using var host = await StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var collab = new CollaboratorService.CollaboratorServiceClient(channel.CreateCallInvoker());
        var alice = Issue(AccessRole.Collaborator, "alice");
        var bob = Issue(AccessRole.Collaborator, "bob");
        using var watchCts = new CancellationTokenSource(TestStage.Timeout);
        using var watch = collab.WatchAnnotations(new WatchAnnotationsRequest(), new CallOptions(
            Headers: new Metadata { { "authorization", "Bearer " + bob } }, CancellationToken: watchCts.Token));
        Assert.True(await watch.ResponseStream.MoveNext(watchCts.Token));
        var first = watch.ResponseStream.Current;

        // Act
        var bobs = await collab.AddAnnotationAsync(new AddAnnotationRequest { Text = "key light here", Position = new Vec3 { X = 1, Y = 3, Z = -2 } }, As(bob));
        Assert.True(await watch.ResponseStream.MoveNext(watchCts.Token));
        var watched = watch.ResponseStream.Current;
        var denied = await Assert.ThrowsAsync<RpcException>(() => collab.RemoveAnnotationAsync(new RemoveAnnotationRequest { Id = bobs.Id }, As(alice)).ResponseAsync);
        var status = host.GetStatus();
        using var http = new HttpClient { BaseAddress = host.HttpUri };
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/annotations", UriKind.Relative));
        get.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", alice);
        using var response = await http.SendAsync(get);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        await collab.RemoveAnnotationAsync(new RemoveAnnotationRequest { Id = bobs.Id }, As(Issue(AccessRole.Technician)));
        var after = await collab.ListAnnotationsAsync(new ListAnnotationsRequest(), As(alice));
        await watchCts.CancelAsync();

        // Assert
        Assert.Empty(first.Annotations);
        Assert.Equal("bob", Assert.Single(watched.Annotations).Author);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("belongs to 'bob'", denied.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("key light here", Assert.Single(status.Annotations).Text);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bobs.Id, json.RootElement.GetProperty("annotations")[0].GetProperty("id").GetString());
        Assert.Empty(after.Annotations);
    }

    [Fact]
    public async Task Validation_OverTheWire_InvalidArgumentAndResourceExhausted()
    {
        // Arrange
        await using var host = await StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var collab = new CollaboratorService.CollaboratorServiceClient(channel.CreateCallInvoker());
        var carol = Issue(AccessRole.Collaborator, "carol");
        var badFov = Camera();
        badFov.VerticalFovDeg = 180;
        for (var i = 0; i < 16; i++)
        {
            await collab.AddAnnotationAsync(new AddAnnotationRequest { Text = "n" + i, Position = new Vec3() }, As(carol));
        }

        // Act
        var fov = await Assert.ThrowsAsync<RpcException>(() => collab.SetVirtualCameraAsync(badFov, As(carol)).ResponseAsync);
        var text = await Assert.ThrowsAsync<RpcException>(() => collab.AddAnnotationAsync(new AddAnnotationRequest { Text = new string('y', 201), Position = new Vec3() }, As(Issue(AccessRole.Collaborator, "dave"))).ResponseAsync);
        var full = await Assert.ThrowsAsync<RpcException>(() => collab.AddAnnotationAsync(new AddAnnotationRequest { Text = "one more", Position = new Vec3() }, As(carol)).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, fov.StatusCode);
        Assert.StartsWith("vertical_fov_deg:", fov.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, text.StatusCode);
        Assert.StartsWith("text:", text.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.ResourceExhausted, full.StatusCode);
        Assert.Equal(16, host.Runtime.Collaborators.Annotations.Annotations.Count);
    }

    private static Task<CoordinatorHost> StartAsync() =>
        CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = TestStage.Demo(),
            Grpc = new IPEndPoint(IPAddress.Loopback, 0),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
            TokenSecret = Secret,
        });
}
