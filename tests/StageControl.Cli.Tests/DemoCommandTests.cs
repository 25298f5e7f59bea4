// stagectl demo's parts that run without a renderer: options, config choice, rate choice, launcher, overview stitching.
using StageControl.Cli.Commands;
using StageControl.Cli.Internal;
using StageControl.Core.Stage;
using StageControl.Core.Timing;
using StageControl.Render;
using StageControl.Render.Output;

namespace StageControl.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    // 3 × 2 panels of 8 × 6 px on a flat wall, plus a 2 × 1 ceiling of 4 × 4 px; node-a drives columns 1-2 of the
    // wall, node-b column 3 and the ceiling.
    private const string SmallJson = """
    {
      "name": "Small", "frameRate": "24/1",
      "panelTypes": [
        { "id": "w", "manufacturer": "T", "model": "W", "widthMm": 500, "heightMm": 375, "pixelsX": 8, "pixelsY": 6, "pitchMm": 62.5 },
        { "id": "c", "manufacturer": "T", "model": "C", "widthMm": 400, "heightMm": 400, "pixelsX": 4, "pixelsY": 4, "pitchMm": 100 }
      ],
      "walls": [
        { "id": "main", "kind": "flat", "panelType": "w", "columns": 3, "rows": 2,
          "lowerLeft": { "x": -0.75, "y": 0, "z": -3 }, "lowerRight": { "x": 0.75, "y": 0, "z": -3 }, "upperLeft": { "x": -0.75, "y": 0.75, "z": -3 } },
        { "id": "ceiling", "kind": "ceiling", "panelType": "c", "center": { "x": 0, "z": -2 }, "heightM": 3, "columns": 2, "rows": 1 }
      ],
      "processors": [ { "id": "p", "model": "T", "outputCount": 2, "pixelsPerOutput": 50000, "maxPixels": 100000 } ],
      "nodes": [
        { "name": "node-a", "outputs": [ { "processor": "p", "output": 1, "panels": [ { "wall": "main", "columns": "1-2" } ] } ] },
        { "name": "node-b", "outputs": [ { "processor": "p", "output": 2, "panels": [ { "wall": "main", "columns": "3" }, { "wall": "ceiling", "columns": "1-2" } ] } ] }
      ],
      "cameras": []
    }
    """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "stagectl-demo-tests", Guid.NewGuid().ToString("N"));

    public DemoCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EmbeddedConfig_IsTheDemoVolume()
    {
        // Arrange
        var onDisk = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json"));

        // Act
        var text = DemoCommand.EmbeddedConfigText();
        var result = StageConfigLoader.Parse(text!);

        // Assert
        Assert.Equal(onDisk, text);
        Assert.True(result.IsValid);
        Assert.Equal((304, 4), (result.Config!.PanelCount, result.Config.Nodes.Count));
    }

    [Fact]
    public void Demo_BadConfig_ExitOneNamingTheFileAndPath()
    {
        // Arrange
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, SmallJson.Replace("\"frameRate\": \"24/1\"", "\"frameRate\": \"fast\"", StringComparison.Ordinal));

        // Act
        var (code, _, err) = Stagectl.Run("demo", "--config", path, "--out", Path.Combine(_dir, "out"));

        // Assert
        Assert.Equal(1, code);
        Assert.Contains(path + ": $.frameRate", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Theory]
    [InlineData("--duration", "10")]
    [InlineData("--duration", "soon")]
    public void Demo_BadDuration_UsageErrorTwo(string option, string value)
    {
        // Act
        var (code, _, err) = Stagectl.Run("demo", option, value, "--out", Path.Combine(_dir, "out"));

        // Assert
        Assert.Equal(2, code);
        Assert.Contains("--duration", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rate", "fast", "--rate")]
    [InlineData("--http", "127.0.0.1", "--http")]
    public void Demo_BadValue_ExitOneNamingTheOption(string option, string value, string named)
    {
        // Act
        var (code, _, err) = Stagectl.Run("demo", option, value, "--out", Path.Combine(_dir, "out"));

        // Assert
        Assert.Equal(1, code);
        Assert.Contains(named, err, StringComparison.Ordinal);
    }

    [Fact]
    public void ChooseRate_SoftwareRenderer_TheSoftwareRate()
    {
        // Arrange
        var llvmpipe = new RendererInfo("OpenGL", "Mesa", "llvmpipe (LLVM 15.0.6, 256 bits)", "4.5", "surfaceless");

        // Act
        var (rate, why) = DemoSession.ChooseRate(FrameRate.Fps23_976, null, llvmpipe);

        // Assert
        Assert.Equal(Environment.ProcessorCount >= 4 ? new FrameRate(2, 1) : new FrameRate(1, 1), rate);
        Assert.Contains("llvmpipe", why, StringComparison.Ordinal);
    }

    [Fact]
    public void ChooseRate_Gpu_TheConfigRate()
    {
        // Arrange
        var gpu = new RendererInfo("OpenGL", "NVIDIA Corporation", "NVIDIA H100/PCIe/SSE2", "4.6", "device");

        // Act / Assert
        Assert.Equal(FrameRate.Fps23_976, DemoSession.ChooseRate(FrameRate.Fps23_976, null, gpu).Rate);
    }

    [Fact]
    public void ChooseRate_Requested_WinsOverTheRenderer()
    {
        // Arrange
        var llvmpipe = new RendererInfo("OpenGL", "Mesa", "llvmpipe", "4.5", "surfaceless");

        // Act / Assert
        Assert.Equal(new FrameRate(5, 1), DemoSession.ChooseRate(FrameRate.Fps23_976, new FrameRate(5, 1), llvmpipe).Rate);
    }

    [Fact]
    public void SweepStep_LowerRate_SameDegreesPerSecond()
    {
        // Act
        var step = DemoSession.SweepStep(new FrameRate(24, 1), new FrameRate(2, 1));

        // Assert: 0.5° a frame at 24 fps is 12°/s; at 2 fps that is 6° a frame.
        Assert.Equal(6, step, 9);
    }

    [Fact]
    public void StartInfo_InTheTestHost_DotnetHostWithStagectlDll()
    {
        // Act
        var info = StagectlLauncher.StartInfo(["node", "--name", "node-1"]);

        // Assert: the test host is neither dotnet nor the stagectl apphost, so the dll goes through a dotnet host.
        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(info.FileName));
        Assert.Equal(["stagectl.dll", "node", "--name", "node-1"], [Path.GetFileName(info.ArgumentList[0]), .. info.ArgumentList.Skip(1)]);
        Assert.True(File.Exists(info.ArgumentList[0]));
        Assert.True(info.RedirectStandardOutput && info.RedirectStandardError);
    }

    [Fact]
    public void Terminate_ChildProcess_EndsItWithSigterm()
    {
        // Arrange
        using var sleeper = System.Diagnostics.Process.Start("sleep", "30");

        // Act
        var sent = PosixSignals.Terminate(sleeper.Id);
        var exited = sleeper.WaitForExit(TimeSpan.FromSeconds(10));

        // Assert: 128 + 15 is how a shell reports death by SIGTERM; .NET reports the signal number + 128 too.
        Assert.True(sent);
        Assert.True(exited);
        Assert.Equal(128 + 15, sleeper.ExitCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Terminate_NotASingleProcess_Refused(int pid)
    {
        // Act / Assert: 0 and negative PIDs would signal process groups.
        Assert.False(PosixSignals.Terminate(pid));
    }

    [Fact]
    public void Overview_PanelsPlacedByColumnAndRow_MissingOnesMarked()
    {
        // Arrange: each panel a solid colour from its column and row; main/c02r02 has no PNG.
        var parsed = StageConfigLoader.Parse(SmallJson);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Problems.Select(p => p.Format("small"))));
        var config = parsed.Config!;
        foreach (var panel in config.Panels)
        {
            if (panel.Id == "main/c02r02")
            {
                continue;
            }

            var (w, h) = (panel.Type.PixelsX, panel.Type.PixelsY);
            var rgba = new byte[w * h * 4];
            for (var i = 0; i < rgba.Length; i += 4)
            {
                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = Colour(panel);
            }

            var path = OverviewImage.PanelPng(config, _dir, panel);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, PngEncoder.Encode(rgba, w, h, includeAlpha: false));
        }

        var output = Path.Combine(_dir, "overview.png");

        // Act
        var result = OverviewImage.Write(config, _dir, output);
        var image = PngDecoder.Decode(File.ReadAllBytes(output));

        // Assert: margin 8; the ceiling (4 × 4 cells, 2 columns, centred in 3 × 8) on top, then the wall, row 1 at the bottom.
        Assert.Equal((7, 1, 1), (result.Placed, result.Missing, result.Factor));
        Assert.Equal((8 + 24 + 8, 8 + 4 + 8 + 12 + 8), (image.Width, image.Height));
        Assert.Equal((result.Width, result.Height), (image.Width, image.Height));
        var ceilingLeft = 8 + ((24 - 8) / 2);
        Assert.Equal(Colour(config.FindPanel("ceiling/c01r01")!), Pixel(image, ceilingLeft + 1, 8 + 1));
        Assert.Equal(Colour(config.FindPanel("ceiling/c02r01")!), Pixel(image, ceilingLeft + 4 + 1, 8 + 1));
        var wallTop = 8 + 4 + 8;
        Assert.Equal(Colour(config.FindPanel("main/c01r02")!), Pixel(image, 8 + 1, wallTop + 1));
        Assert.Equal(Colour(config.FindPanel("main/c03r02")!), Pixel(image, 8 + 16 + 1, wallTop + 1));
        Assert.Equal(Colour(config.FindPanel("main/c01r01")!), Pixel(image, 8 + 1, wallTop + 6 + 1));
        Assert.Equal(Colour(config.FindPanel("main/c03r01")!), Pixel(image, 8 + 16 + 7, wallTop + 6 + 5));
        Assert.Equal(((byte)96, (byte)16, (byte)16, (byte)255), Pixel(image, 8 + 8 + 1, wallTop + 1));
        Assert.Equal(((byte)32, (byte)32, (byte)32, (byte)255), Pixel(image, 2, 2));
    }

    [Fact]
    public void Overview_WideWall_DownscaledToAtMostMaxWidth()
    {
        // Arrange: the demo volume's main wall is 28 × 176 = 4928 px wide; no panel PNGs at all.
        var config = StageConfigLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json")).Config!;

        // Act
        var result = OverviewImage.Write(config, _dir, Path.Combine(_dir, "overview.png"));

        // Assert
        Assert.Equal(4, result.Factor);
        Assert.InRange(result.Width, 1, OverviewImage.MaxWidth + 16);
        Assert.Equal((0, 304), (result.Placed, result.Missing));
    }

    private static (byte, byte, byte, byte) Colour(StagePanel panel) =>
        ((byte)(panel.Column * 40), (byte)(panel.Row * 100), (byte)(panel.WallId == "main" ? 200 : 50), 255);

    private static (byte, byte, byte, byte) Pixel(PngImage image, int x, int y)
    {
        var i = ((y * image.Width) + x) * 4;
        return (image.Rgba[i], image.Rgba[i + 1], image.Rgba[i + 2], image.Rgba[i + 3]);
    }
}
