// A real coordinator with a token secret (and TLS): every call is checked against its role, HTTP /api/* too, health and
// /healthz stay open, node tokens bind node names, and without a secret only loopback may be bound.
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Grpc.Health.V1;
using StageControl.Cli;
using StageControl.Coordinator.Simulation;
using StageControl.Core.Security;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Tests.Hosting;

public sealed class AccessTests
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();

    private static readonly TokenAuthority Authority = new(Secret);

    private static readonly Method<GetStatusRequest, StatusSnapshot> UnknownMethod = new(
        MethodType.Unary, "stagecontrol.v1.CalibrationService", "NoSuchMethod", Marshallers.ForProtobuf(GetStatusRequest.Parser), Marshallers.ForProtobuf(StatusSnapshot.Parser));

    private static SetCameraCalibrationRequest DelayChange(double ms) => new() { Camera = "A-cam", DelayMs = ms };

    private static string Issue(AccessRole role, string? subject = null) => Authority.Issue(role, TimeSpan.FromHours(1), subject).Token;

    private static CallOptions As(string? token) => new(
        Headers: token is null ? null : new Metadata { { "authorization", "Bearer " + token } },
        Deadline: DateTime.UtcNow.AddSeconds(10));

    [Fact]
    public async Task Collaborator_StatusYesSetControlsAndCalibrationNo()
    {
        // Arrange
        await using var host = await StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var invoker = channel.CreateCallInvoker();
        var token = Issue(AccessRole.Collaborator);

        // Act
        var status = await new StatusService.StatusServiceClient(invoker).GetStatusAsync(new GetStatusRequest(), As(token));
        var controls = await new OperatorService.OperatorServiceClient(invoker).GetControlsAsync(new GetControlsRequest(), As(token));
        var set = await Assert.ThrowsAsync<RpcException>(() => new OperatorService.OperatorServiceClient(invoker).SetControlsAsync(new SetControlsRequest { OverscanPct = 15 }, As(token)).ResponseAsync);
        var calibration = await Assert.ThrowsAsync<RpcException>(() => new CalibrationService.CalibrationServiceClient(invoker).SetCameraCalibrationAsync(DelayChange(5), As(token)).ResponseAsync);
        var read = await Assert.ThrowsAsync<RpcException>(() => new CalibrationService.CalibrationServiceClient(invoker).GetCalibrationAsync(new GetCalibrationRequest(), As(token)).ResponseAsync);

        // Assert
        Assert.Equal("Demo Volume", status.StageName);
        Assert.NotNull(controls);
        Assert.Equal(StatusCode.PermissionDenied, set.StatusCode);
        Assert.Equal("role 'collaborator' may not call /stagecontrol.v1.OperatorService/SetControls (allowed: technician, operator)", set.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, calibration.StatusCode);
        Assert.Equal("role 'collaborator' may not call /stagecontrol.v1.CalibrationService/SetCameraCalibration (allowed: technician)", calibration.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Equal(0, host.Runtime.Calibration.Records[0].DelayMs);
    }

    [Fact]
    public async Task Operator_SetControlsYesCalibrationNo_TechnicianCalibratesAndReachesEvenUnknownMethods()
    {
        // Arrange
        await using var host = await StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var invoker = channel.CreateCallInvoker();
        var calibration = new CalibrationService.CalibrationServiceClient(invoker);

        // Act
        var state = await new OperatorService.OperatorServiceClient(invoker).SetControlsAsync(new SetControlsRequest { OverscanPct = 15 }, As(Issue(AccessRole.Operator)));
        var operatorCalibrates = await Assert.ThrowsAsync<RpcException>(() => calibration.SetCameraCalibrationAsync(DelayChange(5), As(Issue(AccessRole.Operator))).ResponseAsync);
        var technician = await calibration.SetCameraCalibrationAsync(DelayChange(-7), As(Issue(AccessRole.Technician, "tess")));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(UnknownMethod, null, As(Issue(AccessRole.Technician)), new GetStatusRequest()).ResponseAsync);

        // Assert
        Assert.Equal(15, state.OverscanPct);
        Assert.Equal(StatusCode.PermissionDenied, operatorCalibrates.StatusCode);
        Assert.Equal("role 'operator' may not call /stagecontrol.v1.CalibrationService/SetCameraCalibration (allowed: technician)", operatorCalibrates.Status.Detail);
        Assert.Equal((-7.0, 2UL, "technician:tess"), (technician.DelayMs, technician.Version, technician.ChangedBy));
        Assert.Equal(StatusCode.Unimplemented, unknown.StatusCode);
    }

    [Fact]
    public async Task NoOrBadToken_UnauthenticatedWithReason_HealthStillOpen()
    {
        // Arrange
        await using var host = await StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var invoker = channel.CreateCallInvoker();
        var status = new StatusService.StatusServiceClient(invoker);
        var forged = new TokenAuthority(Enumerable.Repeat((byte)7, 32).ToArray()).Issue(AccessRole.Technician, TimeSpan.FromHours(1)).Token;

        // Act
        var missing = await Assert.ThrowsAsync<RpcException>(() => status.GetStatusAsync(new GetStatusRequest(), As(null)).ResponseAsync);
        var wrong = await Assert.ThrowsAsync<RpcException>(() => status.GetStatusAsync(new GetStatusRequest(), As(forged)).ResponseAsync);
        var garbage = await Assert.ThrowsAsync<RpcException>(() => status.GetStatusAsync(new GetStatusRequest(), As("garbage")).ResponseAsync);
        var health = await new Health.HealthClient(invoker).CheckAsync(new HealthCheckRequest(), As(null));

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Equal("missing bearer token", missing.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.StartsWith("invalid bearer token: bad token signature", wrong.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unauthenticated, garbage.StatusCode);
        Assert.Equal("invalid bearer token: malformed token", garbage.Status.Detail);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task NodeToken_JoinsOnlyAsItsNode_AndCannotReadStatus()
    {
        // Arrange
        await using var host = await StartAsync();
        var token = Issue(AccessRole.Node, "node-1");
        await using var impostor = new SimulatedNode(host.GrpcUri, "node-2", new SimulatedNodeOptions { Token = token });
        await using var rightful = new SimulatedNode(host.GrpcUri, "node-1", new SimulatedNodeOptions { Token = token });
        await using var unbound = new SimulatedNode(host.GrpcUri, "node-3", new SimulatedNodeOptions { Token = Issue(AccessRole.Node) });
        await using var anonymous = new SimulatedNode(host.GrpcUri, "node-4");
        using var channel = RpcChannel.ForAddress(host.GrpcUri);

        // Act
        var refused = await Assert.ThrowsAsync<RpcException>(() => impostor.ConnectAsync());
        var assignment = await rightful.ConnectAsync();
        var unboundAssignment = await unbound.ConnectAsync();
        var noToken = await Assert.ThrowsAsync<RpcException>(() => anonymous.ConnectAsync());
        var status = await Assert.ThrowsAsync<RpcException>(() => new StatusService.StatusServiceClient(channel.CreateCallInvoker()).GetStatusAsync(new GetStatusRequest(), As(token)).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal("this node token is for node 'node-1' and cannot join as 'node-2'", refused.Status.Detail);
        Assert.Equal("node-1", assignment.Node);
        Assert.Equal("node-3", unboundAssignment.Node);
        Assert.Equal(StatusCode.Unauthenticated, noToken.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.Contains("role 'node'", status.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_ApiNeedsTokenHealthzDoesNot()
    {
        // Arrange
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.HttpUri };

        // Act
        using var anonymous = await http.GetAsync(new Uri("/api/status", UriKind.Relative));
        using var asNode = await SendAsync(http, Issue(AccessRole.Node, "node-1"));
        using var asCollaborator = await SendAsync(http, Issue(AccessRole.Collaborator));
        var healthz = await http.GetStringAsync(new Uri("/healthz", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal("missing bearer token", (await anonymous.Content.ReadAsStringAsync()).Trim());
        Assert.Equal(HttpStatusCode.Forbidden, asNode.StatusCode);
        Assert.Contains("role 'node' may not call /api/status", await asNode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, asCollaborator.StatusCode);
        using var json = JsonDocument.Parse(await asCollaborator.Content.ReadAsStringAsync());
        Assert.Equal("Demo Volume", json.RootElement.GetProperty("stageName").GetString());
        Assert.Equal("SERVING", healthz);
    }

    [Fact]
    public async Task Http_OperatorControls_CollaboratorReadsOperatorChangesPageOpen()
    {
        // Arrange
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.HttpUri };
        var uri = new Uri("/api/operator", UriKind.Relative);
        HttpRequestMessage Post(string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent("""{"overscanPct": 20}""") };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return request;
        }

        var read = new HttpRequestMessage(HttpMethod.Get, uri);
        read.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Issue(AccessRole.Collaborator));

        // Act
        using var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        using var collaboratorRead = await http.SendAsync(read);
        using var collaboratorWrite = await http.SendAsync(Post(Issue(AccessRole.Collaborator)));
        using var operatorWrite = await http.SendAsync(Post(Issue(AccessRole.Operator)));

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, collaboratorRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, collaboratorWrite.StatusCode);
        Assert.Contains("role 'collaborator' may not call POST /api/operator", await collaboratorWrite.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, operatorWrite.StatusCode);
        Assert.Equal(20, host.Runtime.Operator.Current.OverscanPct);
    }

    [Fact]
    public async Task Start_NonLoopbackWithoutSecret_Refused()
    {
        // Act
        var e = await Assert.ThrowsAsync<CoordinatorStartException>(() => CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = TestStage.Demo(),
            Grpc = new IPEndPoint(IPAddress.Any, 0),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
        }));

        // Assert
        Assert.Contains("refusing to serve gRPC on 0.0.0.0:0 (--grpc) without access tokens", e.Message, StringComparison.Ordinal);
        Assert.Contains("--secret-file", e.Message, StringComparison.Ordinal);
        Assert.Contains("bind to 127.0.0.1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NonLoopbackWithSecret_Serves()
    {
        // Act
        await using var host = await CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = TestStage.Demo(),
            Grpc = new IPEndPoint(IPAddress.Any, 0),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
            TokenSecret = Secret,
        });
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var status = await new StatusService.StatusServiceClient(channel.CreateCallInvoker()).GetStatusAsync(new GetStatusRequest(), As(Issue(AccessRole.Peer)));

        // Assert
        Assert.Equal("Demo Volume", status.StageName);
    }

    [Fact]
    public async Task Start_ShortSecret_Refused()
    {
        // Act
        var e = await Assert.ThrowsAsync<CoordinatorStartException>(() => StartAsync(secret: new byte[16]));

        // Assert
        Assert.Contains("at least 32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_CertCreatePair_StatusWithCaAnswersWithoutCaRefused()
    {
        // Arrange: a pair from `stagectl cert create`, served by the coordinator.
        var dir = Directory.CreateTempSubdirectory("stagecontrol-tls-");
        try
        {
            var cert = Path.Combine(dir.FullName, "coordinator.pem");
            var key = Path.Combine(dir.FullName, "coordinator.key");
            Assert.Equal(0, Run("cert", "create", "--out-cert", cert, "--out-key", key, "--host", "stage.local").Code);
            using var pem = X509Certificate2.CreateFromPemFile(cert, key);
            using var serving = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            await using var host = await StartAsync(certificate: serving);
            var url = host.GrpcUri.GetLeftPart(UriPartial.Authority);
            var token = Issue(AccessRole.Operator);
            using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(cert));

            // Act
            var trusted = Run("status", "--coordinator", url, "--ca", cert, "--token", token, "--json");
            var untrusted = Run("status", "--coordinator", url, "--token", token, "--json");
            var tokenless = Run("status", "--coordinator", url, "--ca", cert);
            await using var node = new SimulatedNode(host.GrpcUri, "node-2", new SimulatedNodeOptions { Token = Issue(AccessRole.Node, "node-2"), TrustedCertificate = ca });
            var assignment = await node.ConnectAsync();

            // Assert
            Assert.Equal("https", host.GrpcUri.Scheme);
            Assert.Equal(0, trusted.Code);
            using var json = JsonDocument.Parse(trusted.Out.Trim().Split('\n')[^1]);
            Assert.Equal("Demo Volume", json.RootElement.GetProperty("stageName").GetString());
            Assert.Equal(1, untrusted.Code);
            Assert.Contains("TLS handshake failed", untrusted.Err, StringComparison.Ordinal);
            Assert.Contains("--ca", untrusted.Err, StringComparison.Ordinal);
            Assert.Equal(1, tokenless.Code);
            Assert.Contains("missing bearer token", tokenless.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", untrusted.Err + tokenless.Err, StringComparison.Ordinal);
            Assert.Equal("node-2", assignment.Node);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Task<CoordinatorHost> StartAsync(byte[]? secret = null, X509Certificate2? certificate = null) =>
        CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = TestStage.Demo(),
            Grpc = new IPEndPoint(IPAddress.Loopback, 0),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
            TokenSecret = secret ?? Secret,
            TlsCertificate = certificate,
        });

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/status", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = StagectlApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
