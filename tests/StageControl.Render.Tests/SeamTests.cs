using StageControl.Render.Scenes;
using StageControl.Tests.Shared;

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
        var (m1, c1, n1) = SweepBarEdge.FitRightEdge(a.Pixels.Span, a.Width, a.Height);
        var (m2, c2, n2) = SweepBarEdge.FitRightEdge(b.Pixels.Span, b.Width, b.Height);
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
}
