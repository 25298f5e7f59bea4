// The issue's "Done when": `stagectl coordinator` on the demo volume + 4 `stagectl node` processes (node-1..node-4):
// every one of the 304 panels gets a PNG, and the sweep bar's edge continues across the seams between nodes in the
// snapshot frames, within 1 px.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using StageControl.Core.Stage;
using StageControl.Render.Output;
using Xunit.Abstractions;
using StageControl.Tests.Shared;

namespace StageControl.Node.Tests;

public sealed class DemoVolumeProcessTests(ITestOutputHelper output)
{
    // 2 fps keeps four llvmpipe nodes (70-94 panels each, 2.2-2.7 Mpx) and their PNG writers within 2 shared cores
    // (measured: render 30-140 ms per node frame, nothing skipped). At 2° per frame the bar passes the first node
    // seam (main c07|c08 at −35°) about 11 s after the epoch; snapshots every 2 frames put two or three in its window.
    private const string Rate = "2/1";
    private const string SweepStep = "2";
    private const int SnapshotEvery = 2;
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Stagectl_CoordinatorAndFourNodeProcesses_EveryPanelHasPngAndBarContinuesAcrossNodeSeams()
    {
        // Arrange
        var config = StageConfigLoader.LoadFile(TestNodes.DemoPath).Config!;
        var panels = config.Panels.ToList();
        Assert.Equal(304, panels.Count);
        var seams = NodeSeams(config);
        var dir = TestNodes.TempDirectory();
        var started = Stopwatch.GetTimestamp();
        using var coordinator = StagectlProcess.Start("coordinator", "--config", TestNodes.DemoPath, "--grpc", "127.0.0.1:0", "--http", "127.0.0.1:0", "--tracking-port", "0", "--rate", Rate);
        var nodes = new List<StagectlProcess>();
        try
        {
            var url = await coordinator.WaitForLineAsync("gRPC listening on ", TimeSpan.FromSeconds(30));
            foreach (var node in config.Nodes)
            {
                nodes.Add(StagectlProcess.Start("node", "--coordinator", url, "--name", node.Name, "--out", dir,
                    "--snapshot-every", SnapshotEvery.ToString(CultureInfo.InvariantCulture), "--sweep-step", SweepStep));
            }

            // Act: wait (bounded) until every panel has its PNG and a seam could be checked in a snapshot frame.
            var checks = new List<SeamCheck>();
            var deadline = started + (long)(s_bound.TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                var missing = panels.Count(p => !File.Exists(PanelPng(dir, config, p.Id)));
                checks = CheckSeams(dir, seams);
                if (missing == 0 && checks.Count > 0)
                {
                    break;
                }

                Assert.True(Stopwatch.GetTimestamp() < deadline,
                    $"after {s_bound.TotalSeconds} s: {missing} panels without a PNG, {checks.Count} seams checked; snapshot frames: " +
                    $"{string.Join(",", SnapshotFrames(dir))}\n{string.Join("\n", nodes.Select(n => n.Output))}\n{coordinator.Output}");
                foreach (var process in nodes.Append(coordinator))
                {
                    Assert.False(process.HasExited, $"a stagectl process ended early:\n{process.Output}");
                }

                await Task.Delay(1000);
            }

            foreach (var node in nodes)
            {
                await node.TerminateAsync();
            }

            await coordinator.TerminateAsync();

            // Assert
            foreach (var node in nodes)
            {
                Assert.True(node.ExitCode == 0, node.Output);
                Assert.Contains("joined stage 'Demo Volume'", node.Output, StringComparison.Ordinal);
                Assert.Contains("fps rendered", node.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", node.Output, StringComparison.Ordinal);
            }

            Assert.True(coordinator.ExitCode == 0, coordinator.Output);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s; {checks.Count} seam checks"));
            foreach (var check in checks)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frame {check.Frame} {check.Left}|{check.Right}: rows {check.RowLeft:F2} / {check.RowRight:F2}"));
            }

            foreach (var node in nodes)
            {
                output.WriteLine(node.Output.Split('\n').LastOrDefault(l => l.Contains("fps rendered", StringComparison.Ordinal)) ?? string.Empty);
            }

            foreach (var check in checks)
            {
                Assert.True(Math.Abs(check.RowLeft - check.RowRight) <= 1,
                    $"frame {check.Frame}: the bar edge meets the seam {check.Left}|{check.Right} at row {check.RowLeft:F2} on the left and {check.RowRight:F2} on the right");
            }
        }
        finally
        {
            foreach (var process in nodes.Append(coordinator))
            {
                process.Kill();
            }
        }
    }

    /// <summary>Pairs of horizontally adjacent panels (same wall and row, columns c and c + 1) driven by different nodes.</summary>
    private static List<(string Left, string Right)> NodeSeams(StageConfig config)
    {
        var pairs = new List<(string, string)>();
        foreach (var panel in config.Panels)
        {
            var right = config.FindPanel(FormattableString.Invariant($"{panel.WallId}/c{panel.Column + 1:00}r{panel.Row:00}"));
            if (right is not null && config.NodeForPanel(panel.Id) != config.NodeForPanel(right.Id))
            {
                pairs.Add((panel.Id, right.Id));
            }
        }

        Assert.Equal(30, pairs.Count);
        return pairs;
    }

    private static string PanelPng(string dir, StageConfig config, string id) =>
        Path.Combine(dir, config.NodeForPanel(id)!, id.Replace('/', Path.DirectorySeparatorChar) + ".png");

    private static IEnumerable<long> SnapshotFrames(string dir)
    {
        var frames = Path.Combine(dir, "frames");
        return Directory.Exists(frames)
            ? Directory.GetDirectories(frames).Select(d => long.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture)).Order()
            : [];
    }

    /// <summary>Every snapshot frame and node seam where the bar's right edge shows on at least 10 rows of both panels.</summary>
    private static List<SeamCheck> CheckSeams(string dir, List<(string Left, string Right)> seams)
    {
        var checks = new List<SeamCheck>();
        foreach (var frame in SnapshotFrames(dir))
        {
            foreach (var (left, right) in seams)
            {
                var a = Path.Combine(dir, "frames", frame.ToString(CultureInfo.InvariantCulture), left + ".png");
                var b = Path.Combine(dir, "frames", frame.ToString(CultureInfo.InvariantCulture), right + ".png");
                if (!File.Exists(a) || !File.Exists(b))
                {
                    continue;
                }

                var imageA = PngDecoder.Decode(File.ReadAllBytes(a));
                var imageB = PngDecoder.Decode(File.ReadAllBytes(b));
                var (m1, c1, n1) = SweepBarEdge.FitRightEdge(imageA.Rgba, imageA.Width, imageA.Height);
                var (m2, c2, n2) = SweepBarEdge.FitRightEdge(imageB.Rgba, imageB.Width, imageB.Height);
                if (n1 < 10 || n2 < 10)
                {
                    continue;
                }

                // Rows where each fitted edge meets the shared edge: x = width on the left panel, x = 0 on the right.
                var rowLeft = (imageA.Width - c1) / m1;
                var rowRight = (0 - c2) / m2;
                if (rowLeft >= 0 && rowLeft <= imageA.Height)
                {
                    checks.Add(new SeamCheck(frame, left, right, rowLeft, rowRight));
                }
            }
        }

        return checks;
    }

    private sealed record SeamCheck(long Frame, string Left, string Right, double RowLeft, double RowRight);

    /// <summary><c>dotnet stagectl.dll ARGS</c> with stdout and stderr collected; stopped with SIGTERM.</summary>
    private sealed class StagectlProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private StagectlProcess(Process process) => _process = process;

        public bool HasExited => _process.HasExited;

        public int ExitCode => _process.ExitCode;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static StagectlProcess Start(params string[] args)
        {
            var stagectl = Path.Combine(AppContext.BaseDirectory, "stagectl.dll");
            Assert.True(File.Exists(stagectl), $"{stagectl} is missing (built with the test project's reference to StageControl.Cli)");
            var info = new ProcessStartInfo("dotnet")
            {
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

            var result = new StagectlProcess(Process.Start(info)!);
            result._process.OutputDataReceived += (_, e) => result.Append(e.Data);
            result._process.ErrorDataReceived += (_, e) => result.Append(e.Data);
            result._process.BeginOutputReadLine();
            result._process.BeginErrorReadLine();
            return result;
        }

        public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                var line = Output.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[prefix.Length..].Trim();
                }

                Assert.True(Stopwatch.GetTimestamp() < deadline && !_process.HasExited, $"no line starting '{prefix}':\n{Output}");
                await Task.Delay(50);
            }
        }

        public async Task TerminateAsync()
        {
            if (_process.HasExited)
            {
                return;
            }

            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(exit.Token);
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        public void Dispose() => _process.Dispose();

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
