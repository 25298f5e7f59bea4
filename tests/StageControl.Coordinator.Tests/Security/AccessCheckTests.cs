// The policy table and the access check without a server: who may call what, and what a refusal says.
using Microsoft.Extensions.Logging.Abstractions;
using StageControl.Coordinator.Security;
using StageControl.Core.Security;
using StageControl.Rpc;
using StageControl.Tests.Shared;

namespace StageControl.Coordinator.Tests.Security;

public sealed class AccessCheckTests
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(i + 100)).ToArray();

    [Theory]
    [InlineData("/stagecontrol.v1.StatusService/GetStatus", "technician,operator,collaborator,peer")]
    [InlineData("/stagecontrol.v1.StatusService/WatchStatus", "technician,operator,collaborator,peer")]
    [InlineData("/api/status", "technician,operator,collaborator,peer")]
    [InlineData("/stagecontrol.v1.StageService/GetStage", "technician,operator,collaborator")]
    [InlineData("/stagecontrol.v1.TrackingService/StreamCameras", "technician,operator,collaborator")]
    [InlineData("/stagecontrol.v1.TrackingService/ListSources", "technician,operator,collaborator")]
    [InlineData("/stagecontrol.v1.OperatorService/GetControls", "technician,operator,collaborator")]
    [InlineData("/stagecontrol.v1.OperatorService/SetControls", "technician,operator")]
    [InlineData("/stagecontrol.v1.CalibrationService/SolveRegistration", "technician")]
    [InlineData("/stagecontrol.v1.CalibrationService/SetCameraCalibration", "technician")]
    [InlineData("/stagecontrol.v1.CalibrationService/GetCalibration", "technician")]
    [InlineData("/stagecontrol.v1.CalibrationService/Anything", "technician")]
    [InlineData("/stagecontrol.v1.NodeSession/Session", "technician,node")]
    [InlineData("/stagecontrol.v1.Federation/Link", "technician,peer")]
    [InlineData("/stagecontrol.v1.StageService/SetStage", "technician")]
    [InlineData("/some.future.Service/Method", "technician")]
    [InlineData("/api/calibration", "technician")]
    public void Allows_DefaultTable_ExactlyTheseRoles(string method, string roles)
    {
        // Arrange
        var expected = roles.Split(',').Select(r => { AccessRoles.TryParse(r, out var role); return role; }).ToHashSet();

        // Act
        var allowed = AccessRoles.All.Where(r => AccessPolicy.Default.Allows(r, method)).ToHashSet();

        // Assert
        Assert.Equal(expected, allowed);
        Assert.False(AccessPolicy.Default.IsOpen(method));
    }

    [Theory]
    [InlineData("/grpc.health.v1.Health/Check")]
    [InlineData("/grpc.health.v1.Health/Watch")]
    public void IsOpen_Health_NeedsNoToken(string method)
    {
        // Act / Assert
        Assert.True(AccessPolicy.Default.IsOpen(method));
        Assert.True(CreateCheck(out _).Check(method, null, "ipv4:127.0.0.1:1", "grpc").Allowed);
    }

    [Fact]
    public void Check_CollaboratorOnCalibration_PermissionDeniedNamingRoleAndMethod()
    {
        // Arrange
        var check = CreateCheck(out var authority);
        var token = authority.Issue(AccessRole.Collaborator, TimeSpan.FromHours(1)).Token;

        // Act
        var decision = check.Check("/stagecontrol.v1.CalibrationService/SolveRegistration", "Bearer " + token, "ipv4:10.0.0.5:5000", "grpc");

        // Assert
        Assert.False(decision.Allowed);
        Assert.Equal(StatusCode.PermissionDenied, decision.Code);
        Assert.Equal("role 'collaborator' may not call /stagecontrol.v1.CalibrationService/SolveRegistration (allowed: technician)", decision.Message);
        Assert.Equal("forbidden", decision.Reason);
    }

    [Theory]
    [InlineData(null, "missing bearer token", "missing")]
    [InlineData("", "missing bearer token", "missing")]
    [InlineData("Basic dXNlcjpwYXNz", "missing bearer token", "missing")]
    [InlineData("Bearer", "missing bearer token", "missing")]
    [InlineData("Bearer not-a-token", "invalid bearer token: malformed token", "malformed")]
    public void Check_NoUsableToken_Unauthenticated(string? header, string message, string reason)
    {
        // Arrange
        var check = CreateCheck(out _);

        // Act
        var decision = check.Check("/stagecontrol.v1.StatusService/GetStatus", header, "ipv4:127.0.0.1:1", "grpc");

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, decision.Code);
        Assert.Equal(message, decision.Message);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void Check_ExpiredToken_UnauthenticatedNamingTheExpiry()
    {
        // Arrange: issued on a clock far in the past.
        var check = CreateCheck(out _);
        var old = new TokenAuthority(Secret, new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var token = old.Issue(AccessRole.Technician, TimeSpan.FromHours(1)).Token;

        // Act
        var decision = check.Check("/stagecontrol.v1.StatusService/GetStatus", "bearer  " + token, "ipv4:127.0.0.1:1", "grpc");

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, decision.Code);
        Assert.Equal("invalid bearer token: token expired at 2020-01-01T01:00:00Z", decision.Message);
        Assert.Equal("expired", decision.Reason);
    }

    [Fact]
    public void Check_Refusals_CountedByReason()
    {
        // Arrange
        var check = CreateCheck(out var authority);
        var collaborator = "Bearer " + authority.Issue(AccessRole.Collaborator, TimeSpan.FromHours(1)).Token;
        var counted = new List<(long Value, string Reason, string Transport)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "StageControl.Coordinator" && instrument.Name == "stagecontrol.coordinator.auth.refused")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string reason = string.Empty, transport = string.Empty;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    reason = (string)tag.Value!;
                }
                else if (tag.Key == "transport")
                {
                    transport = (string)tag.Value!;
                }
            }

            // Other tests in parallel may count too; keep only this test's transport.
            if (transport == "test")
            {
                lock (counted)
                {
                    counted.Add((value, reason, transport));
                }
            }
        });
        listener.Start();

        // Act
        check.Check("/stagecontrol.v1.OperatorService/SetControls", null, "p", "test");
        check.Check("/stagecontrol.v1.OperatorService/SetControls", "Bearer xxxx.yyyy", "p", "test");
        check.Check("/stagecontrol.v1.OperatorService/SetControls", collaborator, "p", "test");
        check.Check("/stagecontrol.v1.OperatorService/GetControls", collaborator, "p", "test");

        // Assert
        Assert.Equal(new[] { (1L, "missing", "test"), (1L, "bad_signature", "test"), (1L, "forbidden", "test") }, counted);
    }

    private static AccessCheck CreateCheck(out TokenAuthority authority)
    {
        authority = new TokenAuthority(Secret);
        return new AccessCheck(authority, AccessPolicy.Default, NullLogger.Instance);
    }
}
