// The dashboard page in Debian's Chromium (Playwright): what a DoP sees and what the controls do to the wall.
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using StageControl.Core.Geometry;
using StageControl.Render.Output;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StageControl.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class DashboardPageTests(DashboardStage stage, ChromiumBrowser chromium, ITestOutputHelper output)
{
    private const float ExpectTimeoutMs = 20_000;

    static DashboardPageTests() => SetDefaultExpectTimeout(ExpectTimeoutMs);

    [Fact]
    public async Task Open_TinyStage_ShowsStageNameNodeNamesPreviewsAndSavesScreenshot()
    {
        // Arrange
        await using var context = await NewContextAsync();
        var page = await NewPageAsync(context);

        // Act
        await page.GotoAsync(stage.Coordinator.HttpUri.ToString());

        // Assert
        await Expect(page.Locator("h1#stage-name")).ToHaveTextAsync("Dashboard Test Stage");
        foreach (var node in stage.NodeNames)
        {
            await Expect(page.Locator("#legend")).ToContainTextAsync(node);
            await Expect(page.Locator($"#nodes-table tr[data-node='{node}'] td.node-name")).ToHaveTextAsync(node);
        }

        // Every panel's thumbnail is loaded from /api/previews once it is scrolled into view (lazy).
        await page.Locator("#previews").ScrollIntoViewIfNeededAsync();
        foreach (var id in stage.PanelIds)
        {
            await Expect(page.Locator($"img.preview[data-panel='{id}']")).ToHaveAttributeAsync("data-frame", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        }

        var path = Path.Combine(ChromiumBrowser.ResultsDirectory(), "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);
        var shot = PngDecoder.Decode(await File.ReadAllBytesAsync(path));
        Assert.True(shot.Width >= 800 && shot.Height >= 600, $"screenshot is {shot.Width} × {shot.Height}");
    }

    [Fact]
    public async Task NodesTable_WhileRunning_ShowsBothNodesLiveWithReadyFramesGrowing()
    {
        // Arrange
        await using var context = await NewContextAsync();
        var page = await NewPageAsync(context);
        await page.GotoAsync(stage.Coordinator.HttpUri.ToString());
        var ready = page.Locator("#nodes-table tr[data-node='node-right'] td.frames-ready");
        await Expect(ready).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        var first = long.Parse(await ready.InnerTextAsync(), CultureInfo.InvariantCulture);

        // Act: the table is redrawn from /api/status at 4 Hz; the stage runs at 4 fps.
        await DashboardStage.UntilAsync(
            async () => long.Parse(await ready.InnerTextAsync(), CultureInfo.InvariantCulture) >= first + 4,
            "node-right's ready count in the page grows by 4 frames");

        // Assert
        foreach (var node in stage.NodeNames)
        {
            await Expect(page.Locator($"#nodes-table tr[data-node='{node}'] td.node-state")).ToHaveTextAsync("live");
            await Expect(page.Locator($"#nodes-table tr[data-node='{node}'] td.render-ms")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d\d$"));
        }
    }

    [Fact]
    public async Task CamerasTable_CalibratedDelay_ShowsRegistrationAndDelay()
    {
        // Arrange: a delay only (a registration would move the shared stage's camera under the other tests).
        stage.Coordinator.Runtime.Calibration.Set(new Protos.V1.SetCameraCalibrationRequest { Camera = "cam-a", DelayMs = 0.5 }, "test", 0);
        await using var context = await NewContextAsync();
        var page = await NewPageAsync(context);

        // Act
        await page.GotoAsync(stage.Coordinator.HttpUri.ToString());
        var cells = page.Locator("#cameras-table tbody tr", new() { HasText = "cam-a" }).Locator("td");

        // Assert
        await Expect(cells.Nth(5)).ToHaveTextAsync("no");
        await Expect(cells.Nth(6)).ToHaveTextAsync("0.5");
    }

    [Fact]
    public async Task StageView_TrackedCamera_DrawsInnerFrustumFootprint()
    {
        // Arrange
        await using var context = await NewContextAsync();
        var page = await NewPageAsync(context);
        await page.GotoAsync(stage.Coordinator.HttpUri.ToString());
        await Expect(page.Locator("#cameras-table tbody td.good")).ToHaveTextAsync("yes");

        // Act: count the footprint outline's pixels (#ffef5a) in the canvas.
        var footprintPixels = 0;
        await DashboardStage.UntilAsync(
            async () =>
            {
                footprintPixels = await page.EvaluateAsync<int>("""
                    () => {
                      const c = document.getElementById('stage-view');
                      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                      let n = 0;
                      for (let i = 0; i < d.length; i += 4) {
                        if (d[i] > 230 && d[i + 1] > 210 && d[i + 2] > 60 && d[i + 2] < 120 && d[i + 3] > 200) n++;
                      }
                      return n;
                    }
                    """);
                return footprintPixels > 50;
            },
            "the canvas shows the camera's footprint on the wall");

        // Assert
        Assert.True(footprintPixels > 50, $"{footprintPixels} footprint pixels");
    }

    [Fact]
    public async Task ChromaKey_EnabledInPage_PanelPreviewTurnsKeyColourFromAppliedFrame()
    {
        // Arrange: key off, exact frustum; wait for a preview rendered under that state.
        var panel = stage.PanelIds[0];
        var reset = await stage.PostOperatorAsync("""{"overscanPct": 0, "softEdge": 0, "freeze": false, "chromaKey": {"enabled": false}}""");
        Assert.Equal(System.Net.HttpStatusCode.OK, reset.Status);
        var before = await PreviewFromAsync(panel, AppliesFrom(reset.Body));
        Assert.False(IsGreen(before), "the panel is key green before the key is enabled");
        await using var context = await NewContextAsync();
        var page = await NewPageAsync(context);
        await page.GotoAsync(stage.Coordinator.HttpUri.ToString());
        await Expect(page.Locator("#op-apply")).ToBeEnabledAsync(); // the form opens once the current controls are shown
        await Expect(page.Locator("#op-camera")).ToHaveValueAsync("cam-a");

        // Act
        await page.Locator("#op-chroma").CheckAsync();
        await page.Locator("#op-chroma-color").FillAsync("#00ff00");
        await page.Locator("#op-apply").ClickAsync();
        await page.Locator("#previews").ScrollIntoViewIfNeededAsync();

        // Assert: applied from the next frame, the node's preview of that frame (and later) is the key colour, and the
        // page's thumbnail follows.
        await Expect(page.Locator("#operator-result")).ToContainTextAsync("applied from frame");
        await Expect(page.Locator("#operator-error")).ToBeEmptyAsync();
        var state = stage.Coordinator.Runtime.Operator.Current;
        Assert.True(state.ChromaKey.Enabled);
        Assert.Equal(1.0f, state.ChromaKey.Green, 3);
        Assert.Equal(0.0f, state.ChromaKey.Red, 3);
        var after = await PreviewFromAsync(panel, state.AppliesFromFrame);
        Assert.True(IsGreen(after), "the panel's preview is key green after the change");
        Assert.NotEqual(before.Rgba, after.Rgba);
        await DashboardStage.UntilAsync(
            async () => long.TryParse(await page.Locator($"img.preview[data-panel='{panel}']").GetAttributeAsync("data-frame"), CultureInfo.InvariantCulture, out var f) && f >= state.AppliesFromFrame,
            "the page's thumbnail shows a frame from the applied one on");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.ResultsDirectory(), "dashboard-chroma-key.png"), FullPage = true });
    }

    [Fact]
    public async Task Overscan_ChangedInPage_InnerFrustumGrowsOnAPanelPreview()
    {
        // Arrange: the camera moved 3.85 m to +x, so the 35 mm frustum's left edge (half-width 3.6 m at the wall, 7 m
        // away) falls at x = 0.25, the middle of the third panel (x 0..0.5); chroma key on, so the inner frustum is key
        // green and its share of the panel's preview is measurable. Overscan 30 % widens the frustum ×1.6: the whole
        // panel is then inside.
        var panel = stage.PanelIds[2];
        stage.CameraShift = new Vec3(3.85, 0, 0);
        try
        {
            var reset = await stage.PostOperatorAsync("""{"overscanPct": 0, "softEdge": 0, "freeze": false, "chromaKey": {"enabled": true, "red": 0, "green": 1, "blue": 0}}""");
            Assert.Equal(System.Net.HttpStatusCode.OK, reset.Status);
            await DashboardStage.Until(() => stage.Coordinator.GetStatus().Cameras[0].Position.X > 3.8, "the moved camera is tracked");
            var before = GreenShare(await PreviewFromAsync(panel, stage.Coordinator.CurrentFrame + 1));
            await using var context = await NewContextAsync();
            var page = await NewPageAsync(context);
            await page.GotoAsync(stage.Coordinator.HttpUri.ToString());
            await Expect(page.Locator("#op-apply")).ToBeEnabledAsync(); // the form opens once the current controls are shown
            await Expect(page.Locator("#op-camera")).ToHaveValueAsync("cam-a");

            // Act
            await page.Locator("#op-overscan").FillAsync("30");
            await page.Locator("#op-apply").ClickAsync();

            // Assert
            await Expect(page.Locator("#operator-result")).ToContainTextAsync("applied from frame");
            var state = stage.Coordinator.Runtime.Operator.Current;
            Assert.Equal(30, state.OverscanPct, 6);
            var after = GreenShare(await PreviewFromAsync(panel, state.AppliesFromFrame));
            Assert.InRange(before, 0.2, 0.8);
            Assert.True(after > 0.95, $"key-green share of {panel}: {before:P0} before, {after:P0} after overscan 30 %");
        }
        finally
        {
            stage.CameraShift = default;
            await stage.PostOperatorAsync("""{"overscanPct": 0, "chromaKey": {"enabled": false}}""");
        }
    }

    // Share of the preview's pixels that are key green (0, 255, 0) within a small tolerance (downscaled edges blend).
    private static double GreenShare(PngImage image)
    {
        var channels = image.Rgba.Length / image.Width / image.Height;
        var n = image.Width * image.Height;
        var green = 0;
        for (var i = 0; i < n; i++)
        {
            var o = i * channels;
            if (image.Rgba[o + 1] > 230 && image.Rgba[o] < 25 && image.Rgba[o + 2] < 25)
            {
                green++;
            }
        }

        return (double)green / n;
    }

    [Fact]
    public async Task Apply_OverscanOutOfRange_ShowsErrorInlineAndChangesNothing()
    {
        // Arrange
        await using var context = await NewContextAsync();
        var page = await NewPageAsync(context);
        await page.GotoAsync(stage.Coordinator.HttpUri.ToString());
        await Expect(page.Locator("#op-apply")).ToBeEnabledAsync(); // the form opens once the current controls are shown
        await Expect(page.Locator("#op-camera")).ToHaveValueAsync("cam-a");
        var version = stage.Coordinator.Runtime.Operator.Current.Version;

        // Act
        await page.Locator("#op-overscan").FillAsync("500");
        await page.Locator("#op-apply").ClickAsync();

        // Assert
        await Expect(page.Locator("#operator-error")).ToContainTextAsync("overscan_pct: 500 is outside 0..100");
        await Expect(page.Locator("#op-overscan")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(version, stage.Coordinator.Runtime.Operator.Current.Version);
    }

    private Task<IBrowserContext> NewContextAsync() => chromium.NewContextAsync();

    private Task<IPage> NewPageAsync(IBrowserContext context) => ChromiumBrowser.NewPageAsync(context, output);

    private static long AppliesFrom(string operatorJson)
    {
        using var json = JsonDocument.Parse(operatorJson);
        return long.Parse(json.RootElement.GetProperty("appliesFromFrame").GetString()!, CultureInfo.InvariantCulture);
    }

    private async Task<PngImage> PreviewFromAsync(string panel, long frame)
    {
        PngImage? image = null;
        await DashboardStage.UntilAsync(
            async () =>
            {
                var preview = await stage.PreviewAsync(panel);
                image = preview is { } p && p.Frame >= frame ? p.Image : null;
                return image is not null;
            },
            $"panel {panel} has a preview of frame {frame} or later");
        return image!;
    }

    // Mean colour of the preview: key green (0, 255, 0) with a little tolerance.
    private static bool IsGreen(PngImage image)
    {
        var channels = image.Rgba.Length / image.Width / image.Height;
        double r = 0, g = 0, b = 0;
        var n = image.Width * image.Height;
        for (var i = 0; i < n; i++)
        {
            r += image.Rgba[i * channels];
            g += image.Rgba[(i * channels) + 1];
            b += image.Rgba[(i * channels) + 2];
        }

        return g / n > 230 && r / n < 25 && b / n < 25;
    }
}
