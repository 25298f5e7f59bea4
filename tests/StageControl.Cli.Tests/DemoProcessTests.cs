// issue 6 "Done when": the built stagectl runs `demo` as a real process — coordinator, 4 node child processes,
// simulated tracker — and ends with the JSON summary, a PNG for every panel and a decodable overview; Ctrl-C stops it
// cleanly with no child left running, after reporting a node that died. Runs from a temporary directory, so the config is the embedded copy.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StageControl.Cli.Internal;
using StageControl.Core.Stage;
using StageControl.Render.Output;
using Xunit.Abstractions;

namespace StageControl.Cli.Tests;

/// <summary>Runs alone (not beside other test classes): four llvmpipe node processes need the machine to themselves to
/// keep to the barrier deadline on 2 cores.</summary>
[CollectionDefinition(nameof(DemoProcessTests), DisableParallelization = true)]
public sealed class DemoProcessCollection;

[Collection(nameof(DemoProcessTests))]
public sealed partial class DemoProcessTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(90);
    private static readonly string[] s_fields = ["framesPresented", "framesMissed", "nodes", "panels", "trackingSamples", "latencyP99Us", "barrierSkewP99Us"];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "stagectl-demo-process", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_Json12s_SummaryLineEveryPanelPngAndOverview()
    {
        // Arrange
        var config = StageConfigLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json")).Config!;
        var outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(_dir);

        // Act
        using var demo = DemoProcess.Start(_dir, "demo", "--duration", "12s", "--out", outDir, "--http", "127.0.0.1:0", "--json");
        var exited = await demo.WaitForExitAsync(s_bound);
        output.WriteLine(demo.Stderr);

        // Assert
        Assert.True(exited, $"the demo did not end within {s_bound.TotalSeconds} s:\n{demo.Stderr}");
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        Assert.Contains("from embedded configs/demo-volume.json", demo.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", demo.Stderr, StringComparison.Ordinal);
        var stdout = demo.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var summary = Assert.Single(stdout);
        using var json = JsonDocument.Parse(summary);
        Assert.Equal(s_fields, json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.All(json.RootElement.EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
        var root = json.RootElement;
        Assert.True(root.GetProperty("framesPresented").GetInt64() > 0, summary);
        Assert.True(root.GetProperty("framesMissed").GetInt64() == 0, summary + "\n" + demo.Stderr);
        Assert.Equal(4, root.GetProperty("nodes").GetInt32());
        Assert.Equal(304, root.GetProperty("panels").GetInt32());
        Assert.True(root.GetProperty("trackingSamples").GetInt64() > 0, summary);
        var missing = config.Panels.Where(p => !File.Exists(OverviewImage.PanelPng(config, outDir, p))).Select(p => p.Id).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} panels without a PNG, e.g. {string.Join(", ", missing.Take(5))}");
        var overview = PngDecoder.Decode(File.ReadAllBytes(Path.Combine(outDir, "overview.png")));
        Assert.InRange(overview.Width, 64, 1616);
        Assert.All(demo.Pids(), pid => Assert.False(IsStagectlNode(pid), $"node pid {pid} is still running"));
    }

    [Fact]
    public async Task Demo_NodeDiesThenCtrlC_DeathReportedCleanExitAndNoChildLeft()
    {
        // Arrange
        Directory.CreateDirectory(_dir);
        using var demo = DemoProcess.Start(_dir, "demo", "--duration", "10m", "--out", Path.Combine(_dir, "out"), "--http", "127.0.0.1:0");
        await demo.WaitForOutputAsync("all 4 nodes live", s_bound);

        // Frames presented past the summary's warm-up (it opens 3 frames after all nodes are live): a demo stopped
        // before any frame was presented rightly exits 1, which is not what this test is about.
        await demo.WaitForOutputAsync(new System.Text.RegularExpressions.Regex(@"frame \d+: ([5-9]|\d{2,}) presented"), s_bound);
        var pids = demo.Pids();
        Assert.Equal(4, pids.Count);
        Assert.All(pids, pid => Assert.True(IsStagectlNode(pid), $"node pid {pid} is not running"));

        // Act: node-3 dies (SIGKILL, as a crash would end it); then SIGINT, as Ctrl-C in a terminal delivers it.
        demo.Signal("KILL", pids[2]);
        await demo.WaitForOutputAsync("demo: node node-3 (pid", TimeSpan.FromSeconds(20));
        await demo.WaitForOutputAsync("died with exit code 137", TimeSpan.FromSeconds(20));
        demo.Signal("INT");
        var exited = await demo.WaitForExitAsync(TimeSpan.FromSeconds(40));
        output.WriteLine(demo.Stdout);

        // Assert
        Assert.True(exited, "the demo did not end within 40 s of SIGINT:\n" + demo.Stdout);
        Assert.True(demo.ExitCode == 0, demo.Stdout + demo.Stderr);
        Assert.Contains(FormattableString.Invariant($"demo: node node-3 (pid {pids[2]}) died with exit code 137; the demo goes on"), demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo: stopping (interrupted)", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo summary", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 of 4 nodes live at the end", demo.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("killed", demo.Stdout, StringComparison.Ordinal);
        Assert.All(pids, pid => Assert.False(IsStagectlNode(pid), $"node pid {pid} is still running"));
    }

    /// <summary>True when <paramref name="pid"/> is a running `stagectl node` (a reused PID of another program is not).</summary>
    private static bool IsStagectlNode(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var state = File.ReadAllText($"/proc/{pid}/stat");
            var zombie = state.Length > state.LastIndexOf(')') + 2 && state[state.LastIndexOf(')') + 2] == 'Z';
            return !zombie && cmdline.Any(a => a.EndsWith("stagectl.dll", StringComparison.Ordinal)) && cmdline.Contains("node");
        }
        catch (IOException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"node \S+ started \(pid (\d+)\)")]
    private static partial Regex PidLine();

    /// <summary>`dotnet stagectl.dll ARGS` in a working directory, stdout and stderr collected apart.</summary>
    private sealed class DemoProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stdout = new();
        private readonly StringBuilder _stderr = new();

        private DemoProcess(Process process) => _process = process;

        public int ExitCode => _process.ExitCode;

        public string Stdout => Read(_stdout);

        public string Stderr => Read(_stderr);

        public static DemoProcess Start(string workingDirectory, params string[] args)
        {
            var stagectl = Path.Combine(AppContext.BaseDirectory, "stagectl.dll");
            Assert.True(File.Exists(stagectl), $"{stagectl} is missing (built with the test project's reference to StageControl.Cli)");
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            info.ArgumentList.Add(stagectl);
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            var result = new DemoProcess(Process.Start(info)!);
            result._process.OutputDataReceived += (_, e) => Append(result._stdout, e.Data);
            result._process.ErrorDataReceived += (_, e) => Append(result._stderr, e.Data);
            result._process.BeginOutputReadLine();
            result._process.BeginErrorReadLine();
            return result;
        }

        /// <summary>The node PIDs the demo printed (stdout, or stderr with --json).</summary>
        public List<int> Pids() => PidLine().Matches(Stdout + Stderr).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

        public async Task WaitForOutputAsync(System.Text.RegularExpressions.Regex pattern, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (!pattern.IsMatch(Stdout + Stderr))
            {
                Assert.True(Stopwatch.GetTimestamp() < deadline && !_process.HasExited, $"no match of '{pattern}' in the demo's output:\n{Stdout}\n{Stderr}");
                await Task.Delay(100);
            }
        }

        public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
            WaitForOutputAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(text)), timeout);

        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cts.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        /// <summary>Sends a signal to the demo, or to one of the node PIDs it printed.</summary>
        public void Signal(string signal, int? pid = null)
        {
            using var kill = Process.Start("kill", [$"-{signal}", (pid ?? _process.Id).ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                // A failed test must not leave the demo running; its nodes follow the coordinator's Shutdown.
                Signal("TERM");
                if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    _process.Kill();
                }
            }

            _process.Dispose();
        }

        private static void Append(StringBuilder buffer, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (buffer)
            {
                buffer.AppendLine(line);
            }
        }

        private static string Read(StringBuilder buffer)
        {
            lock (buffer)
            {
                return buffer.ToString();
            }
        }
    }
}
