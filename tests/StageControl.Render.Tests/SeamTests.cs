using StageControl.Render.Scenes;

namespace StageControl.Render.Tests;

/// <summary>
/// Two adjacent panels of different nodes of the demo volume (main c07r05 on node-1, c08r05 on node-2), rendered by two
/// renderers (two contexts, as two nodes would) for the same frame: the leaning sweep bar's edge continues across the
/// seam within 1 px.
/// </summary>
public sealed class SeamTests
{
    [Fact]
    public void RenderFrame_SweepBarAcrossNodeSeam_EdgeContinuesWithinOnePixel()
    {
        // Arrange
        var demo = TestPanels.Demo;
        var left = demo.FindPanel("main/c07r05")!;
        var right = demo.FindPanel("main/c08r05")!;
        Assert.Equal("node-1", demo.NodeForPanel(left.Id));
        Assert.Equal("node-2", demo.NodeForPanel(right.Id));

        // The seam (shared edge) is at azimuth −35°; the bar's centre line crosses azimuth θ at the pivot height 2.5 m,
        // the top of row 5. Find the frame whose bar sits just left of the seam at that height.
        var scene = new DefaultScene(new DefaultSceneOptions { BarDegreesPerFrame = 0.25 });
        var frame = 0L;
        while (scene.BarAzimuthDegrees(frame) < -36.5)
        {
            frame++;
        }

        using var node1 = StageRenderer.Create([left.Quad], scene);
        using var node2 = StageRenderer.Create([right.Quad], new DefaultScene(scene.Options));

        // Act
        var a = node1.RenderFrame(frame, [], OperatorState.OuterOnly).Panels[0];
        var b = node2.RenderFrame(frame, [], OperatorState.OuterOnly).Panels[0];

        // Assert: fit the bar's right edge (x of the last magenta pixel, per row) on each panel as x = m·y + c, then
        // compare the rows where each line meets the seam (x = width on the left panel, x = 0 on the right).
        var (m1, c1, n1) = FitRightEdge(a);
        var (m2, c2, n2) = FitRightEdge(b);
        var save = () =>
        {
            Pixels.Save("seam-left", a.Pixels.Span, a.Width, a.Height);
            Pixels.Save("seam-right", b.Pixels.Span, b.Width, b.Height);
        };
        if (n1 < 10 || n2 < 10)
        {
            save();
        }

        Assert.True(n1 >= 10 && n2 >= 10, $"the bar edge is on {n1} rows of the left panel and {n2} of the right (frame {frame})");
        var rowAtSeamLeft = (a.Width - c1) / m1;
        var rowAtSeamRight = (0 - c2) / m2;
        if (Math.Abs(rowAtSeamLeft - rowAtSeamRight) > 1)
        {
            save();
        }

        Assert.InRange(rowAtSeamRight, rowAtSeamLeft - 1, rowAtSeamLeft + 1);
        Assert.InRange(rowAtSeamLeft, 0, a.Height);
    }

    /// <summary>Least-squares line x = m·y + c through the right edge of the magenta bar (pixel boundary after the
    /// last magenta pixel), over rows where the edge lies strictly inside the panel.</summary>
    private static (double M, double C, int Rows) FitRightEdge(PanelImage image)
    {
        var span = image.Pixels.Span;
        double sy = 0, sx = 0, syy = 0, sxy = 0;
        var n = 0;
        for (var y = 0; y < image.Height; y++)
        {
            var last = -1;
            for (var x = 0; x < image.Width; x++)
            {
                var (r, g, b) = Pixels.At(span, image.Width, x, y);
                if (r > 200 && g < 60 && b > 200)
                {
                    last = x;
                }
            }

            if (last < 0 || last >= image.Width - 1)
            {
                continue;
            }

            double edge = last + 1, row = y + 0.5;
            sy += row;
            sx += edge;
            syy += row * row;
            sxy += row * edge;
            n++;
        }

        var m = ((n * sxy) - (sy * sx)) / ((n * syy) - (sy * sy));
        var c = (sx - (m * sy)) / n;
        return (m, c, n);
    }
}
