using System.Diagnostics;
using System.Text.Json.Nodes;

namespace StageControl.Cli.Tests;

// `stagectl bench render` (issue 5): JSON field names, exit codes, and the message when EGL cannot start; figures are
// not asserted (speed belongs to the benchmark itself).
public sealed class BenchRenderCommandTests
{
    [Fact]
    public void BenchRender_SmallPanel_PrintsContractFields()
    {
        // Arrange / Act
        var (code, stdout, stderr) = Stagectl.Run("bench", "render", "--width", "64", "--height", "36", "--frames", "3", "--json");

        // Assert
        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal(["renderer", "width", "height", "framesPerSecond", "readbackFramesPerSecond", "baselineFramesPerSecond"], json.Select(p => p.Key));
        Assert.Equal(64, (int)json["width"]!);
        Assert.Equal(36, (int)json["height"]!);
        Assert.False(string.IsNullOrEmpty((string?)json["renderer"]));
        Assert.True((double)json["framesPerSecond"]! > 0);
        Assert.True((double)json["readbackFramesPerSecond"]! > 0);
        Assert.True((double)json["baselineFramesPerSecond"]! > 0);
    }

    [Theory]
    [InlineData("--width", "0")]
    [InlineData("--height", "9000")]
    [InlineData("--frames", "0")]
    public void BenchRender_BadSizeOrFrames_ExitsTwoNamingTheOption(string option, string value)
    {
        // Arrange / Act
        var (code, _, stderr) = Stagectl.Run("bench", "render", option, value, "--json");

        // Assert
        Assert.Equal(2, code);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchRender_NoEglVendor_ExitsOneWithTheInstallHint()
    {
        // Arrange: a separate process whose glvnd finds no EGL vendor (glvnd reads __EGL_VENDOR_LIBRARY_FILENAMES once,
        // at first use, so this cannot be done in-process).
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "stagectl.dll"), "bench", "render", "--frames", "1", "--json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["__EGL_VENDOR_LIBRARY_FILENAMES"] = "/nonexistent/stagecontrol-test.json";

        // Act
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stderrTask = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = await stderrTask;
        await process.WaitForExitAsync(timeout.Token);

        // Assert
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("libegl1 libgl1-mesa-dri", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }
}
