// Debian's Chromium under Playwright, launched once on first use and shared by the browser tests.
using Microsoft.Playwright;

namespace StageControl.Dashboard.Tests;

/// <summary>
/// Launches /usr/bin/chromium (headless; <c>--no-sandbox</c> when running as root, where Chromium refuses its sandbox)
/// through Playwright's bundled driver. Playwright never downloads a browser here. A missing Chromium fails the test with
/// the command that installs it: the dashboard tests are never skipped.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public const string InstallHint = "bash tests/prereqs.d/chromium.sh (apt-get install -y chromium)";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<IBrowser> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }

            Assert.True(File.Exists(ExecutablePath), $"Chromium is not installed at {ExecutablePath}: install it with {InstallHint}");
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            _playwright = await Playwright.CreateAsync();
            var args = new List<string> { "--disable-gpu", "--disable-dev-shm-usage" };
            if (Environment.UserName == "root")
            {
                args.Add("--no-sandbox");
            }

            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = args,
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A fresh browser context with the dashboard tests' 1280 × 1000 viewport.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var browser = await GetAsync();
        return await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
    }

    /// <summary>A page whose script errors and console messages go to the test output (a failing page test then says
    /// why); script errors are also added to <paramref name="errors"/> when given.</summary>
    public static async Task<IPage> NewPageAsync(IBrowserContext context, Xunit.Abstractions.ITestOutputHelper output, List<string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) =>
        {
            output.WriteLine("page error: " + error);
            if (errors is not null)
            {
                lock (errors)
                {
                    errors.Add(error);
                }
            }
        };
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }

    /// <summary>Where artefacts (screenshots) go: $STAGECONTROL_TEST_RESULTS (tests/run-all.sh sets it to
    /// artifacts/test-results), else artifacts/test-results of the checkout the tests were built from, else beside the
    /// test assembly.</summary>
    public static string ResultsDirectory()
    {
        var dir = Environment.GetEnvironmentVariable("STAGECONTROL_TEST_RESULTS");
        if (string.IsNullOrEmpty(dir))
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "StageControl.sln")))
                {
                    dir = Path.Combine(d.FullName, "artifacts", "test-results");
                    break;
                }
            }
        }

        dir = Path.Combine(string.IsNullOrEmpty(dir) ? Path.Combine(AppContext.BaseDirectory, "test-results") : dir, "dashboard");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
