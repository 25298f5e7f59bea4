// stagectl operator get|set against a coordinator started in-process on loopback (demo volume, free ports).
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using StageControl.Cli.Commands;
using StageControl.Cli.Internal;
using StageControl.Coordinator;
using StageControl.Tests.Shared;

namespace StageControl.Cli.Tests;

public sealed class OperatorCommandTests : IAsyncLifetime
{
    private CoordinatorHost? _host;

    private string Url => _host!.GrpcUri.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync() => _host = await CoordinatorHost.StartAsync(new CoordinatorOptions
    {
        ConfigPath = Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json"),
        Grpc = new IPEndPoint(IPAddress.Loopback, 0),
        Http = new IPEndPoint(IPAddress.Loopback, 0),
        TrackingPort = 0,
        TrackingAddress = IPAddress.Loopback,
    });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public void Get_Json_TheInitialStateAsProtobufJson()
    {
        // Act
        var (code, output, err) = Stagectl.Run("operator", "get", "--coordinator", Url, "--json");

        // Assert
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(LastLine(output));
        var root = json.RootElement;
        Assert.Equal("A-cam", root.GetProperty("activeCamera").GetString());
        Assert.Equal(0, root.GetProperty("overscanPct").GetDouble());
        Assert.False(root.GetProperty("freeze").GetBoolean());
        Assert.False(root.GetProperty("chromaKey").GetProperty("enabled").GetBoolean());
        Assert.Equal("1", root.GetProperty("version").GetString());
    }

    [Fact]
    public void Set_ValidChange_ShowsInTheReplyAndInGet()
    {
        // Act
        var (setCode, setOut, setErr) = Stagectl.Run("operator", "set", "--coordinator", Url, "--overscan", "12.5", "--soft-edge", "0.2",
            "--delay-offset", "-8", "--freeze", "true", "--chroma-key", "0,0.7,0.2", "--json");
        var (getCode, getOut, getErr) = Stagectl.Run("operator", "get", "--coordinator", Url, "--json");
        var (humanCode, human, _) = Stagectl.Run("operator", "get", "--coordinator", Url);

        // Assert
        Assert.True(setCode == 0, setErr);
        Assert.True(getCode == 0, getErr);
        using var set = JsonDocument.Parse(LastLine(setOut));
        using var get = JsonDocument.Parse(LastLine(getOut));
        foreach (var state in new[] { set.RootElement, get.RootElement })
        {
            Assert.Equal("A-cam", state.GetProperty("activeCamera").GetString());
            Assert.Equal(12.5, state.GetProperty("overscanPct").GetDouble());
            Assert.Equal(0.2, state.GetProperty("softEdge").GetDouble());
            Assert.Equal(-8, state.GetProperty("delayOffsetMs").GetDouble());
            Assert.True(state.GetProperty("freeze").GetBoolean());
            var key = state.GetProperty("chromaKey");
            Assert.True(key.GetProperty("enabled").GetBoolean());
            Assert.Equal(0.7, key.GetProperty("green").GetDouble(), 5);
            Assert.Equal("2", state.GetProperty("version").GetString());
        }

        Assert.Equal(0, humanCode);
        Assert.Contains("overscan 12.5 %", human, StringComparison.Ordinal);
        Assert.Contains("chroma key 0,0.7,0.2", human, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_OnlyGivenFields_LeavesTheOthers()
    {
        // Arrange
        Assert.Equal(0, Stagectl.Run("operator", "set", "--coordinator", Url, "--overscan", "20").Code);

        // Act
        var (code, output, err) = Stagectl.Run("operator", "set", "--coordinator", Url, "--soft-edge", "0.1", "--json");

        // Assert
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(LastLine(output));
        Assert.Equal(20, json.RootElement.GetProperty("overscanPct").GetDouble());
        Assert.Equal(0.1, json.RootElement.GetProperty("softEdge").GetDouble());
    }

    [Theory]
    [InlineData("--overscan", "150", "overscan_pct")]
    [InlineData("--soft-edge", "0.9", "soft_edge")]
    [InlineData("--delay-offset", "5000", "delay_offset_ms")]
    [InlineData("--camera", "Z-cam", "active_camera")]
    [InlineData("--chroma-key", "2,0,0", "chroma_key.red")]
    public void Set_InvalidValue_ExitOneNamingTheFieldAndNothingApplied(string option, string value, string field)
    {
        // Act
        var (code, output, err) = Stagectl.Run("operator", "set", "--coordinator", Url, option, value);
        var (_, after, _) = Stagectl.Run("operator", "get", "--coordinator", Url, "--json");

        // Assert
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains(field, err, StringComparison.Ordinal);
        Assert.Contains(option, err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(LastLine(after));
        Assert.Equal("1", json.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void Set_ChromaKeyNotThreeNumbers_ExitOneNamingTheOption()
    {
        // Act
        var (code, _, err) = Stagectl.Run("operator", "set", "--coordinator", Url, "--chroma-key", "0,1");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("--chroma-key", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_Nothing_UsageErrorTwo()
    {
        // Act
        var (code, _, err) = Stagectl.Run("operator", "set", "--coordinator", Url);

        // Assert
        Assert.Equal(2, code);
        Assert.Contains("nothing to set", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_FreezeNotTrueOrFalse_UsageErrorTwo()
    {
        // Act
        var (code, _, _) = Stagectl.Run("operator", "set", "--coordinator", Url, "--freeze", "maybe");

        // Assert
        Assert.Equal(2, code);
    }

    [Fact]
    public void Get_Unreachable_ExitOneNamingTheCoordinator()
    {
        // Arrange: a port that was free a moment ago and has nothing listening.
        var port = FreePorts.Tcp();
        var url = $"http://127.0.0.1:{port}";

        // Act
        var (code, _, err) = Stagectl.Run("operator", "get", "--coordinator", url);

        // Assert
        Assert.Equal(1, code);
        Assert.Contains($"cannot reach coordinator at {url}", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_CoordinatorWithTokens_RefusedWithoutOrWithACollaboratorTokenAcceptedWithAnOperatorToken()
    {
        // Arrange
        var secret = new byte[32];
        Random.Shared.NextBytes(secret);
        await using var secured = await CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            ConfigPath = Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json"),
            Grpc = new IPEndPoint(IPAddress.Loopback, 0),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
            TokenSecret = secret,
        });
        var url = secured.GrpcUri.GetLeftPart(UriPartial.Authority);
        var authority = new StageControl.Core.Security.TokenAuthority(secret);
        var (operatorToken, _) = authority.Issue(StageControl.Core.Security.AccessRole.Operator, TimeSpan.FromMinutes(5));
        var (collaboratorToken, _) = authority.Issue(StageControl.Core.Security.AccessRole.Collaborator, TimeSpan.FromMinutes(5));

        // Act
        var none = Stagectl.Run("operator", "set", "--coordinator", url, "--overscan", "5");
        var collaborator = Stagectl.Run("operator", "set", "--coordinator", url, "--overscan", "5", "--token", collaboratorToken);
        var collaboratorGet = Stagectl.Run("operator", "get", "--coordinator", url, "--token", collaboratorToken);
        var op = Stagectl.Run("operator", "set", "--coordinator", url, "--overscan", "5", "--token", operatorToken);

        // Assert
        Assert.Equal(1, none.Code);
        Assert.Contains("Unauthenticated", none.Err, StringComparison.Ordinal);
        Assert.Contains("--token", none.Err, StringComparison.Ordinal);
        Assert.Equal(1, collaborator.Code);
        Assert.Contains("PermissionDenied", collaborator.Err, StringComparison.Ordinal);
        Assert.True(collaboratorGet.Code == 0, collaboratorGet.Err);
        Assert.True(op.Code == 0, op.Err);
        Assert.Contains("overscan 5 %", op.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("off", false, 0f, 0f, 0f)]
    [InlineData("OFF", false, 0f, 0f, 0f)]
    [InlineData("0, 0.7, 0.2", true, 0f, 0.7f, 0.2f)]
    public void ParseChromaKey_OffOrRgb_TheMessage(string text, bool enabled, float r, float g, float b)
    {
        // Act
        var key = OperatorCommand.ParseChromaKey(text);

        // Assert
        Assert.Equal((enabled, r, g, b), (key.Enabled, key.Red, key.Green, key.Blue));
    }

    [Theory]
    [InlineData("green")]
    [InlineData("1,2")]
    [InlineData("1,x,0")]
    [InlineData("1,NaN,0")]
    public void ParseChromaKey_Malformed_InputError(string text)
    {
        // Act / Assert
        var e = Assert.Throws<CliInputException>(() => OperatorCommand.ParseChromaKey(text));
        Assert.StartsWith("--chroma-key", e.Message, StringComparison.Ordinal);
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
}
