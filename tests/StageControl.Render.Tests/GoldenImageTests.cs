using StageControl.Core.Geometry;
using StageControl.Core.Projection;
using StageControl.Render.Output;
using StageControl.Render.Scenes;

namespace StageControl.Render.Tests;

/// <summary>
/// The default scene on three demo panels (a wall panel with the inner frustum and soft edge, a wall corner panel, a
/// ceiling panel), frame 123, against golden PNGs made on Mesa llvmpipe (version in Goldens/README.md). Tolerance: at
/// most 0.5 % of pixels may differ by more than 8 levels in a channel. On a mismatch the actual image is written to the
/// test results folder. STAGECONTROL_UPDATE_GOLDENS=1 writes the actual images there as new goldens.
/// </summary>
public sealed class GoldenImageTests
{
    public static TheoryData<string, int, int> Panels => new()
    {
        { "main/c14r06", 64, 64 },
        { "main/c11r03", 48, 48 },
        { "ceiling/c03r02", 32, 64 },
    };

    [Theory]
    [MemberData(nameof(Panels))]
    public void RenderFrame_DefaultSceneFrame123_MatchesGolden(string panelId, int width, int height)
    {
        // Arrange
        var quad = TestPanels.WithPixels(TestPanels.Demo.FindPanel(panelId)!.Quad, width, height);
        using var renderer = StageRenderer.Create([quad], new DefaultScene());
        var turn = Quat.FromAxisAngle(Vec3.UnitY, double.DegreesToRadians(-5)) * Quat.FromAxisAngle(Vec3.UnitX, double.DegreesToRadians(6));
        var camera = RenderCamera.FromPose("A-cam", new CameraPose(new Vec3(0.3, 1.7, -1.2), turn, 0.12), new CameraOptics(36.7, 25.54, 35));
        var name = panelId.Replace('/', '_');

        // Act
        var image = renderer.RenderFrame(123, [camera], new OperatorState("A-cam", 10, 0.15)).Panels[0];
        var actual = PngDecoder.Decode(PngEncoder.Encode(image.Pixels.Span, width, height, bottomUp: true, includeAlpha: false));

        // Assert
        if (Environment.GetEnvironmentVariable("STAGECONTROL_UPDATE_GOLDENS") == "1")
        {
            ImageOps.WritePng(Path.Combine(Pixels.ResultsDirectory, "goldens", name + ".png"), image);
        }

        var goldenPath = Path.Combine(AppContext.BaseDirectory, "Goldens", name + ".png");
        Assert.True(File.Exists(goldenPath), $"missing golden {goldenPath}");
        var golden = PngDecoder.Decode(File.ReadAllBytes(goldenPath));
        Assert.Equal((width, height), (golden.Width, golden.Height));
        var differing = 0;
        for (var i = 0; i < golden.Rgba.Length; i += 4)
        {
            var d = Math.Max(Math.Abs(golden.Rgba[i] - actual.Rgba[i]), Math.Max(Math.Abs(golden.Rgba[i + 1] - actual.Rgba[i + 1]), Math.Abs(golden.Rgba[i + 2] - actual.Rgba[i + 2])));
            differing += d > 8 ? 1 : 0;
        }

        var allowed = width * height / 200;
        if (differing > allowed)
        {
            var path = Pixels.Save("golden-actual-" + name, image.Pixels.Span, width, height);
            Assert.Fail($"{differing} pixels differ by more than 8 levels (allowed {allowed}); actual image: {path}; renderer: {renderer.Info} (goldens: see Goldens/README.md)");
        }
    }
}
