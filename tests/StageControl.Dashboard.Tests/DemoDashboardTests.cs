// issue 6 "Done when": headless Chromium shows the dashboard of a running `stagectl demo` (the real process: coordinator,
// four render-node processes, simulated tracker) with the stage name and every node name on the page.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using StageControl.Core.Stage;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using StageControl.Tests.Shared;

namespace StageControl.Dashboard.Tests;

/// <summary>Runs alone: the demo's four llvmpipe node processes need the machine to themselves.</summary>
[CollectionDefinition(nameof(DemoDashboardTests), DisableParallelization = true)]
public sealed class DemoDashboardCollection;

[Collection(nameof(DemoDashboardTests))]
public sealed class DemoDashboardTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(90);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "stagectl-demo-dashboard", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task RunningDemo_Chromium_ShowsStageNameAndEveryNodeName()
    {
        // Arrange: the demo on the embedded demo volume (run from an empty folder), its dashboard on a free port.
        Directory.CreateDirectory(_dir);
        var config = StageConfigLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json")).Config!;
        var port = FreePorts.Tcp();
        var stderr = new StringBuilder();
        var allLive = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var demo = StartDemo(port, stderr, allLive);
        var chromium = new ChromiumBrowser();
        try
        {
            await allLive.Task.WaitAsync(s_bound);

            // Act
            var browser = await chromium.GetAsync();
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
            var page = await context.NewPageAsync();
            page.PageError += (_, error) => output.WriteLine("page error: " + error);
            await page.GotoAsync($"http://127.0.0.1:{port}/");

            // Assert
            await Expect(page.Locator("h1#stage-name")).ToHaveTextAsync(config.Name, new() { Timeout = 20_000 });
            foreach (var node in config.Nodes)
            {
                await Expect(page.Locator($"#nodes-table tr[data-node='{node.Name}'] td.node-name")).ToHaveTextAsync(node.Name, new() { Timeout = 20_000 });
            }

            var shot = Path.Combine(ChromiumBrowser.ResultsDirectory(), "demo-dashboard.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            output.WriteLine("screenshot: " + shot);
        }
        finally
        {
            // Ctrl-C: the demo stops its nodes and exits 0.
            if (!demo.HasExited)
            {
                using var kill = Process.Start("kill", ["-INT", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(s_bound);
            await demo.WaitForExitAsync(cts.Token);
            await chromium.DisposeAsync();
            output.WriteLine(stderr.ToString());
        }

        Assert.Equal(0, demo.ExitCode);
    }

    private Process StartDemo(int port, StringBuilder stderr, TaskCompletionSource allLive)
    {
        var stagectl = Path.Combine(AppContext.BaseDirectory, "stagectl.dll");
        Assert.True(File.Exists(stagectl), $"{stagectl} is missing (the test project references StageControl.Cli)");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { stagectl, "demo", "--duration", "5m", "--out", Path.Combine(_dir, "out"), "--http", $"127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;

        // Progress lines go to stdout (stderr with --json): watch both for "all N nodes live after".
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (e.Data.Contains("nodes live after", StringComparison.Ordinal))
            {
                allLive.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => allLive.TrySetException(new InvalidOperationException("the demo ended before every node was live:\n" + stderr));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

}
