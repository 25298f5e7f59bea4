// `stagectl node` (and `stagectl coordinator --rate`) in-process: usage and input errors, GPU requirement, Shutdown.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StageControl.Cli;

namespace StageControl.Node.Tests;

public sealed class NodeCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = StagectlApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Node_SnapshotWithoutOut_IsUsageError()
    {
        // Act
        var (code, _, err) = Run("node", "--coordinator", "http://127.0.0.1:1", "--name", "node-1", "--snapshot-every", "4");

        // Assert
        Assert.Equal(2, code);
        Assert.Contains("--snapshot-every needs --out", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--coordinator", "ftp://x:1", 1)]
    [InlineData("--png-interval", "soon", 2)]
    [InlineData("--sweep-step", "0", 2)]
    public void Node_BadOptionValue_FailsNamingTheOption(string option, string value, int expected)
    {
        // Arrange
        var args = new List<string> { "node", "--coordinator", "http://127.0.0.1:1", "--name", "node-1" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        // Act
        var (code, _, err) = Run([.. args]);

        // Assert
        Assert.Equal(expected, code);
        Assert.Contains(option, err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_RequireGpuOnLlvmpipe_ExitsOneNamingTheRenderer()
    {
        // Act
        var (code, _, err) = Run("node", "--coordinator", "http://127.0.0.1:1", "--name", "node-1", "--require-gpu");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("llvmpipe", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_UnknownName_ExitsOneNamingTheKnownNodes()
    {
        // Arrange
        await using var host = await TestNodes.StartCoordinatorAsync();

        // Act
        var (code, _, err) = await Task.Run(() => Run("node", "--coordinator", host.GrpcUri.ToString(), "--name", "node-x")).WaitAsync(TestNodes.Timeout);

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("node-x", err, StringComparison.Ordinal);
        Assert.Contains("NotFound", err, StringComparison.Ordinal);
        Assert.Contains("node-a, node-b", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_CoordinatorShutsDown_ExitsZeroWithJsonLines()
    {
        // Arrange
        var host = await TestNodes.StartCoordinatorAsync();
        var run = Task.Run(() => Run("node", "--coordinator", host.GrpcUri.ToString(), "--name", "node-b", "--json"));
        await TestNodes.Until(() => host.GetStatus().Nodes.Single(n => n.Name == "node-b").FramesReady >= 12, "node-b answered 12 cues");

        // Act
        await host.DisposeAsync();
        var (code, stdout, stderr) = await run.WaitAsync(TestNodes.Timeout);

        // Assert
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, stdout);
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.True(last.RootElement.GetProperty("final").GetBoolean());
        Assert.True(last.RootElement.GetProperty("framesRendered").GetInt64() >= 12);
        Assert.True(last.RootElement.GetProperty("framesPresented").GetInt64() >= 1);
        foreach (var field in new[] { "node", "connected", "cuesSkipped", "presentsWithoutFrame", "renderMsP50", "renderMsP99", "readbackMsP50", "cueToReadyMsP50", "cueToReadyMsP99", "renderedPerSecond" })
        {
            Assert.True(last.RootElement.TryGetProperty(field, out _), $"no {field} in {lines[^1]}");
        }

        Assert.Contains("node-b: renderer: ", stderr, StringComparison.Ordinal);
        Assert.Contains("joined stage 'Tiny Stage'", stderr, StringComparison.Ordinal);
        Assert.Contains("Shutdown", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Coordinator_BadRate_ExitsOneNamingTheOption()
    {
        // Act
        var (code, _, err) = Run("coordinator", "--config", TestNodes.DemoPath, "--rate", "0/1", "--grpc", "127.0.0.1:0", "--http", "127.0.0.1:0");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("--rate", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_ExitWithParentProcessKilled_ExitsZeroWithoutACoordinator()
    {
        // Arrange: a stand-in parent (sleep 30) and a node that can reach no coordinator (it would retry forever).
        using var parent = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var pid = parent.Id.ToString(CultureInfo.InvariantCulture);
        var run = Task.Run(() => Run("node", "--coordinator", "http://127.0.0.1:1", "--name", "node-1", "--exit-with-parent", pid));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(run.IsCompleted, "the node stopped while its parent was still running");

        // Act
        parent.Kill();
        await parent.WaitForExitAsync().WaitAsync(TestNodes.Timeout);
        var (code, stdout, stderr) = await run.WaitAsync(TestNodes.Timeout);

        // Assert
        Assert.True(code == 0, stderr);
        Assert.Contains($"process {pid} (--exit-with-parent) has ended; stopping", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_ExitWithParentNotAProcessId_IsUsageError()
    {
        // Act
        var (code, _, err) = Run("node", "--coordinator", "http://127.0.0.1:1", "--name", "node-1", "--exit-with-parent", "0");

        // Assert
        Assert.Equal(2, code);
        Assert.Contains("--exit-with-parent", err, StringComparison.Ordinal);
    }
}
