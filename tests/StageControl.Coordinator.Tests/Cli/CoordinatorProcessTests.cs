// `stagectl coordinator` as a real process (dotnet stagectl.dll), checked by python3-grpcio
// (tests/interop/python/health_check.py) and by `stagectl status --json`, then stopped with SIGINT.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using StageControl.Cli;

namespace StageControl.Coordinator.Tests.Cli;

public sealed class CoordinatorProcessTests
{
    private const string Python = "/usr/bin/python3";

    private static string InteropDirectory { get; } = typeof(CoordinatorProcessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "InteropDirectory").Value!;

    [Fact]
    public async Task Coordinator_RealProcess_ServesHealthAndStatusThenStopsOnSigint()
    {
        // Arrange
        RequirePythonGrpc();
        var port = FreeTcpPort();
        var stagectl = Path.Combine(AppContext.BaseDirectory, "stagectl.dll");
        Assert.True(File.Exists(stagectl), $"{stagectl} is missing (built with the test project's reference to StageControl.Cli)");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { stagectl, "coordinator", "--config", TestStage.DemoPath, "--grpc", $"127.0.0.1:{port}", "--http", "127.0.0.1:0", "--tracking-port", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("stagectl ended before listening:\n" + output));
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data.StartsWith("gRPC listening on ", StringComparison.Ordinal))
            {
                listening.TrySetResult(e.Data["gRPC listening on ".Length..]);
            }
        };
        var stderr = process.StandardError.ReadToEndAsync();
        string Output()
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        process.BeginOutputReadLine();

        try
        {
            var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal($"http://127.0.0.1:{port}", url);

            // Act 1: python3-grpcio checks health, UNIMPLEMENTED and Watch's deadline.
            var (pyCode, pyOut) = await RunAsync(Python, InteropDirectory + "/python", TimeSpan.FromSeconds(30), "health_check.py", port.ToString(CultureInfo.InvariantCulture));

            // Act 2: stagectl status --json, in-process.
            using var statusOut = new StringWriter(CultureInfo.InvariantCulture);
            using var statusErr = new StringWriter(CultureInfo.InvariantCulture);
            var statusCode = StagectlApp.Run(["status", "--coordinator", url, "--json"], statusOut, statusErr);

            // Act 3: a node joins and goes live (one line each), then SIGINT.
            await using var node = new Simulation.SimulatedNode(new Uri(url), "node-2");
            await node.ConnectAsync().WaitAsync(TestStage.Timeout);
            await TestStage.Until(() => Output().Contains("node node-2 is live", StringComparison.Ordinal), "the coordinator printed the node going live");
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(exit.Token);

            // Assert
            await TestStage.Until(() => node.ShutdownReceived is not null, "the node got Shutdown");
            Assert.True(pyCode == 0 && pyOut.Contains("ok coordinator", StringComparison.Ordinal), $"health_check.py failed (exit {pyCode}):\n{pyOut}");
            Assert.True(statusCode == 0, statusErr.ToString());
            var lines = statusOut.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            using var json = JsonDocument.Parse(lines[^1]);
            Assert.Equal(["node-1", "node-2", "node-3", "node-4"], json.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
            Assert.Equal(0, process.ExitCode);
            var text = Output();
            Assert.Contains("node node-2 joined", text, StringComparison.Ordinal);
            Assert.Contains("coordinator stopped:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", await stderr, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RequirePythonGrpc()
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} is missing: the python3-grpcio interop peer needs Debian's python3 (run tests/prereqs.d/grpc.sh, or apt-get install python3-grpcio).");
        }

        var (code, output) = RunAsync(Python, InteropDirectory, TimeSpan.FromSeconds(30), "-c", "import grpc").GetAwaiter().GetResult();
        if (code != 0)
        {
            Assert.Fail($"python3-grpcio is not importable by {Python}: run tests/prereqs.d/grpc.sh (apt-get install python3-grpcio).\n{output}");
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string directory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("http_proxy");
        info.Environment.Remove("https_proxy");
        info.Environment.Remove("grpc_proxy");
        info.Environment["no_proxy"] = "127.0.0.1,localhost";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
