using StageControl.Core.Geometry;
using StageControl.Core.Projection;

namespace StageControl.Render.Tests;

/// <summary>Maths vs GPU: points rendered through a panel's Kooima projection land where KooimaScreen predicts.</summary>
public sealed class KooimaOnGpuTests
{
    public static TheoryData<string, double, double, double> Eyes => new()
    {
        { "on-axis", 0, 1.1, 0.5 },
        { "off-axis", 0.8, 1.5, -0.5 },
        { "low-left", -1.2, 0.4, 0.2 },
    };

    [Theory]
    [MemberData(nameof(Eyes))]
    public void RenderFrame_MarkerBehindObliquePanel_LandsAtKooimaPixel(string name, double ex, double ey, double ez)
    {
        // Arrange: a 2 × 1.2 m panel turned 25° at 3 m, an unlit marker 2 m behind it.
        var panel = TestPanels.Flat("p", new Vec3(0.2, 1.1, -3), 25, 2, 1.2, 80, 48);
        var eye = new Vec3(ex, ey, ez);
        var marker = new Vec3(0.1, 1.3, -5.5);
        using var renderer = StageRenderer.Create([panel], TestScenes.Markers(0.12, (marker, TestScenes.Red)), new RenderOptions { OuterEye = eye });
        var screen = KooimaScreen.Create(panel.LowerLeft, panel.LowerRight, panel.UpperLeft);
        Assert.True(screen.TryGetProjection(eye, 0.05, 1000, DepthRange.MinusOneToOne, out var p, out _, out _));
        var clip = p.TransformPoint(marker);
        var expectedX = ((clip.X / clip.W) + 1) / 2 * panel.PixelsX;
        var expectedY = ((clip.Y / clip.W) + 1) / 2 * panel.PixelsY;

        // Act
        var image = renderer.RenderFrame(0, [], OperatorState.OuterOnly).Panels[0];

        // Assert
        var (x, y, n) = Pixels.Centroid(image.Pixels.Span, image.Width, image.Height, (r, g, b) => r > 128 && g < 64);
        if (n == 0 || Math.Abs(x - expectedX) > 1 || Math.Abs(y - expectedY) > 1)
        {
            Pixels.Save($"kooima-marker-{name}", image.Pixels.Span, image.Width, image.Height);
        }

        Assert.True(n > 0, $"marker not visible (expected near {expectedX:F2}, {expectedY:F2})");
        Assert.InRange(x, expectedX - 1, expectedX + 1);
        Assert.InRange(y, expectedY - 1, expectedY + 1);
    }

    [Theory]
    [MemberData(nameof(Eyes))]
    public void RenderFrame_MarkersOnPanelCorners_LightTheCornerPixels(string name, double ex, double ey, double ez)
    {
        // Arrange: markers at the centres of the four corner pixels, on the panel plane: any eye sees them there.
        var panel = TestPanels.Flat("p", new Vec3(-0.3, 1.2, -2.5), -20, 1.6, 1.0, 64, 40);
        var du = (panel.LowerRight - panel.LowerLeft) / panel.PixelsX;
        var dv = (panel.UpperLeft - panel.LowerLeft) / panel.PixelsY;
        var size = 0.6 * du.Length;
        Vec3 PixelCentre(double px, double py) => panel.LowerLeft + (du * px) + (dv * py);
        var scene = TestScenes.Markers(size,
            (PixelCentre(0.5, 0.5), TestScenes.Red),
            (PixelCentre(panel.PixelsX - 0.5, 0.5), TestScenes.Green),
            (PixelCentre(0.5, panel.PixelsY - 0.5), TestScenes.Blue),
            (PixelCentre(panel.PixelsX - 0.5, panel.PixelsY - 0.5), TestScenes.White));
        using var renderer = StageRenderer.Create([panel], scene, new RenderOptions { OuterEye = new Vec3(ex, ey, ez) });

        // Act
        var image = renderer.RenderFrame(0, [], OperatorState.OuterOnly).Panels[0];

        // Assert: row 0 of the buffer is the panel's bottom edge (pa → pb).
        var span = image.Pixels.Span;
        int w = image.Width, h = image.Height;
        try
        {
            Assert.Equal((255, 0, 0), Pixels.At(span, w, 0, 0));
            Assert.Equal((0, 255, 0), Pixels.At(span, w, w - 1, 0));
            Assert.Equal((0, 0, 255), Pixels.At(span, w, 0, h - 1));
            Assert.Equal((255, 255, 255), Pixels.At(span, w, w - 1, h - 1));
            Assert.Equal((0, 0, 0), Pixels.At(span, w, 1, 1));
            Assert.Equal((0, 0, 0), Pixels.At(span, w, w - 2, h - 2));
        }
        catch
        {
            Pixels.Save($"kooima-corners-{name}", span, w, h);
            throw;
        }
    }

    [Theory]
    [InlineData("main/c01r01")]
    [InlineData("main/c15r06")]
    [InlineData("main/c28r10")]
    [InlineData("ceiling/c01r01")]
    [InlineData("ceiling/c06r04")]
    public void RenderFrame_DemoChordAndCeilingPanels_CornerMarkersLightTheCornerPixels(string panelId)
    {
        // Arrange: the demo's curved-wall chords and ceiling panels at a reduced resolution, default outer eye.
        var panel = TestPanels.WithPixels(TestPanels.Demo.FindPanel(panelId)!.Quad, 24, 24);
        var du = (panel.LowerRight - panel.LowerLeft) / panel.PixelsX;
        var dv = (panel.UpperLeft - panel.LowerLeft) / panel.PixelsY;
        var size = 0.6 * Math.Min(du.Length, dv.Length);
        Vec3 PixelCentre(double px, double py) => panel.LowerLeft + (du * px) + (dv * py);
        var scene = TestScenes.Markers(size,
            (PixelCentre(0.5, 0.5), TestScenes.Red),
            (PixelCentre(23.5, 0.5), TestScenes.Green),
            (PixelCentre(0.5, 23.5), TestScenes.Blue),
            (PixelCentre(23.5, 23.5), TestScenes.White));
        using var renderer = StageRenderer.Create([panel], scene);

        // Act
        var image = renderer.RenderFrame(0, [], OperatorState.OuterOnly).Panels[0];

        // Assert
        var span = image.Pixels.Span;
        try
        {
            Assert.Equal((255, 0, 0), Pixels.At(span, 24, 0, 0));
            Assert.Equal((0, 255, 0), Pixels.At(span, 24, 23, 0));
            Assert.Equal((0, 0, 255), Pixels.At(span, 24, 0, 23));
            Assert.Equal((255, 255, 255), Pixels.At(span, 24, 23, 23));
            Assert.Equal((0, 0, 0), Pixels.At(span, 24, 12, 12));
        }
        catch
        {
            Pixels.Save("kooima-demo-" + panelId.Replace('/', '_'), span, 24, 24);
            throw;
        }
    }
}
