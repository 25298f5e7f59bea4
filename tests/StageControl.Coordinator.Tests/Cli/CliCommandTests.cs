// `stagectl coordinator` and `stagectl status` failure paths and output, in-process.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using StageControl.Cli;

namespace StageControl.Coordinator.Tests.Cli;

public sealed class CliCommandTests
{
    [Fact]
    public void Status_UnreachableCoordinator_ExitOneNamingTheUrl()
    {
        // Arrange: a port nobody listens on.
        var port = ClosedPort();

        // Act
        var (code, _, err) = Run("status", "--coordinator", $"http://127.0.0.1:{port}");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains($"cannot reach coordinator at http://127.0.0.1:{port}", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_NotAUrl_ExitOne()
    {
        // Act
        var (code, _, err) = Run("status", "--coordinator", "ftp://x");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("--coordinator", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RunningCoordinator_TableAndJson()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();

        // Act
        var table = Run("status", "--coordinator", host.GrpcUri.ToString());
        var json = Run("status", "--coordinator", host.GrpcUri.ToString(), "--json");

        // Assert
        Assert.Equal(0, table.Code);
        Assert.Contains("Demo Volume", table.Out, StringComparison.Ordinal);
        Assert.Contains("node-4", table.Out, StringComparison.Ordinal);
        Assert.Contains("A-cam", table.Out, StringComparison.Ordinal);
        Assert.Contains("Sync:", table.Out, StringComparison.Ordinal);
        Assert.Equal(0, json.Code);
        using var doc = JsonDocument.Parse(json.Out.Trim().Split('\n')[^1]);
        Assert.Equal(4, doc.RootElement.GetProperty("nodes").GetArrayLength());
        Assert.True(doc.RootElement.TryGetProperty("sync", out _));
    }

    [Fact]
    public void Coordinator_MalformedConfig_ExitOneWithFileLineAndColumn()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"coord-cli-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\n  \"name\": \"x\",\n  \"frameRate\": \n}");

        try
        {
            // Act
            var (code, _, err) = Run("coordinator", "--config", path, "--grpc", "127.0.0.1:0", "--http", "127.0.0.1:0");

            // Assert
            Assert.Equal(1, code);
            Assert.Matches($"{System.Text.RegularExpressions.Regex.Escape(path)}:\\d+:\\d+:", err);
            Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Coordinator_HttpPortInUse_ExitOneNamingTheEndpoint()
    {
        // Arrange
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        // Act
        var (code, _, err) = Run("coordinator", "--config", TestStage.DemoPath, "--grpc", "127.0.0.1:0", "--http", $"127.0.0.1:{port}", "--tracking-port", "0");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains($"HTTP endpoint 127.0.0.1:{port}", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Coordinator_NoConfig_UsageError()
    {
        // Act
        var (code, _, _) = Run("coordinator");

        // Assert
        Assert.Equal(2, code);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = StagectlApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
