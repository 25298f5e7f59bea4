using StageControl.Core.Geometry;
using StageControl.Core.Projection;

namespace StageControl.Render.Tests;

/// <summary>
/// Inner frustum on the GPU vs the maths: which pixels show the inner render (told apart from the outer by flat colours:
/// everything is red, the chroma-key fill is green), where the inner render comes from, the soft edge, freeze.
/// </summary>
public sealed class InnerFrustumTests
{
    private const double Near = 0.05;
    private const double Far = 1000;

    // A 2 × 1.2 m panel at z = −3 facing +Z, and a long lens looking at it slightly turned, so the footprint is a
    // keystoned quad inside the panel.
    private static readonly PanelQuad s_panel = TestPanels.Flat("wall/c01r01", new Vec3(0, 1.2, -3), 0, 2, 1.2, 100, 60);
    private static readonly Quat s_turn = Quat.FromAxisAngle(Vec3.UnitY, double.DegreesToRadians(8)) * Quat.FromAxisAngle(Vec3.UnitX, double.DegreesToRadians(4));
    private static readonly RenderCamera s_camera = RenderCamera.FromPose("A", new CameraPose(new Vec3(0.5, 1.0, 0), s_turn), new CameraOptics(36, 24, 135));

    private static RenderOptions Options => new() { OuterEye = new Vec3(0, 1.2, 0), Near = Near, Far = Far };

    /// <summary>Camera-frustum coordinates f ∈ [0, 1]² of a panel pixel's centre (the composite's per-pixel test), or null behind.</summary>
    private static (double U, double V)? FrustumCoordinates(PanelQuad panel, RenderCamera camera, double overscanPercent, int x, int y)
    {
        var tangents = Overscan.Uniform(camera.Tangents, overscanPercent);
        Assert.True(InnerFrustum.TryCreate(new CameraPose(camera.Pupil, camera.Orientation), tangents, out var frustum, out _));
        var m = new double[16];
        Assert.True(frustum.TryWriteViewProjection(Near, Far, DepthRange.MinusOneToOne, m, out _));
        var vp = new Mat4(m);
        var p = panel.LowerLeft + ((panel.LowerRight - panel.LowerLeft) * ((x + 0.5) / panel.PixelsX)) + ((panel.UpperLeft - panel.LowerLeft) * ((y + 0.5) / panel.PixelsY));
        var c = vp.TransformPoint(p);
        return c.W <= 0 ? null : (((c.X / c.W) + 1) / 2, ((c.Y / c.W) + 1) / 2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void RenderFrame_ChromaKey_FillsExactlyThePredictedFootprint(double overscan)
    {
        // Arrange
        using var renderer = StageRenderer.Create([s_panel], TestScenes.Surround(TestScenes.Red), Options);
        var op = new OperatorState("A", overscan, 0, false, new ChromaKey(true, 0, 1, 0));
        var coverage = default(PanelCoverage);
        Assert.True(InnerFrustum.TryCreate(new CameraPose(s_camera.Pupil, s_camera.Orientation), Overscan.Uniform(s_camera.Tangents, overscan), out var frustum, out _));
        coverage = frustum.Cover(s_panel);

        // Act
        var image = renderer.RenderFrame(1, [s_camera], op).Panels[0];

        // Assert: pixels clearly inside (0.2 % of the frustum from its edge) are green, clearly outside red.
        var span = image.Pixels.Span;
        int inside = 0, outside = 0, wrong = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var f = FrustumCoordinates(s_panel, s_camera, overscan, x, y);
                var margin = f is { } g ? Math.Min(Math.Min(g.U, 1 - g.U), Math.Min(g.V, 1 - g.V)) : -1;
                var pixel = Pixels.At(span, image.Width, x, y);
                if (margin > 0.002)
                {
                    inside++;
                    wrong += pixel == (0, 255, 0) ? 0 : 1;
                    Assert.InRange(x, coverage.Pixels.X0, coverage.Pixels.X1 - 1);
                    Assert.InRange(y, coverage.Pixels.Y0, coverage.Pixels.Y1 - 1);
                }
                else if (margin < -0.002)
                {
                    outside++;
                    wrong += pixel == (255, 0, 0) ? 0 : 1;
                }
            }
        }

        if (wrong != 0)
        {
            Pixels.Save($"inner-chroma-{overscan}", span, image.Width, image.Height);
        }

        Assert.True(image.HasInner);
        Assert.Equal(0, wrong);
        Assert.InRange(inside, 500, 5000);
        Assert.InRange(outside, 500, 6000);
    }

    [Fact]
    public void RenderFrame_InnerRender_ShowsTheSceneFromTheCameraPupil()
    {
        // Arrange: a wide camera close to the panel covers all of it; a marker 2 m behind the panel lands at different
        // pixels seen from the outer eye and from the pupil.
        var camera = RenderCamera.FromPose("A", new CameraPose(new Vec3(-0.6, 1.5, -0.8), Quat.Identity), new CameraOptics(36, 24, 12));
        var marker = new Vec3(0.2, 1.0, -5);
        var scene = TestScenes.Markers(0.15, (marker, TestScenes.Red));
        using var renderer = StageRenderer.Create([s_panel], scene, Options);
        var screen = KooimaScreen.Create(s_panel.LowerLeft, s_panel.LowerRight, s_panel.UpperLeft);
        (double X, double Y) Predict(Vec3 eye)
        {
            Assert.True(screen.TryGetProjection(eye, Near, Far, DepthRange.MinusOneToOne, out var p, out _, out _));
            var c = p.TransformPoint(marker);
            return (((c.X / c.W) + 1) / 2 * s_panel.PixelsX, ((c.Y / c.W) + 1) / 2 * s_panel.PixelsY);
        }

        var fromPupil = Predict(camera.Pupil);
        var fromOuter = Predict(Options.OuterEye);
        Assert.True(Math.Abs(fromPupil.X - fromOuter.X) + Math.Abs(fromPupil.Y - fromOuter.Y) > 10, "the two predictions must differ");
        Assert.Equal((0.0, 0.0, 1.0, 1.0), Bounds(FrustumCoordinates(s_panel, camera, 0, 0, 0), FrustumCoordinates(s_panel, camera, 0, s_panel.PixelsX - 1, s_panel.PixelsY - 1)));

        // Act
        var inner = renderer.RenderFrame(1, [camera], new OperatorState("A")).Panels[0];
        var innerCentroid = Pixels.Centroid(inner.Pixels.Span, inner.Width, inner.Height, (r, g, b) => r > 128);
        var outer = renderer.RenderFrame(1, [camera], OperatorState.OuterOnly).Panels[0];
        var outerCentroid = Pixels.Centroid(outer.Pixels.Span, outer.Width, outer.Height, (r, g, b) => r > 128);

        // Assert
        Assert.InRange(innerCentroid.X, fromPupil.X - 1, fromPupil.X + 1);
        Assert.InRange(innerCentroid.Y, fromPupil.Y - 1, fromPupil.Y + 1);
        Assert.InRange(outerCentroid.X, fromOuter.X - 1, fromOuter.X + 1);
        Assert.InRange(outerCentroid.Y, fromOuter.Y - 1, fromOuter.Y + 1);
    }

    /// <summary>(0, 0, 1, 1) when both corner pixels are inside the frustum (the frustum covers the whole panel).</summary>
    private static (double, double, double, double) Bounds((double U, double V)? lowerLeft, (double U, double V)? upperRight) =>
        lowerLeft is { } a && upperRight is { } b && a.U > 0 && a.V > 0 && b.U < 1 && b.V < 1 ? (0.0, 0.0, 1.0, 1.0) : (-1, -1, -1, -1);

    [Fact]
    public void RenderFrame_SoftEdge_BlendsLikeCoreSoftEdgeAlpha()
    {
        // Arrange: outer red, inner green fill; G/255 is the composite alpha.
        using var renderer = StageRenderer.Create([s_panel], TestScenes.Surround(TestScenes.Red), Options);
        var op = new OperatorState("A", 0, 0.25, false, new ChromaKey(true, 0, 1, 0));
        var settings = new SoftEdgeSettings(0.25, 0.25, 1);

        // Act
        var image = renderer.RenderFrame(1, [s_camera], op).Panels[0];

        // Assert
        var span = image.Pixels.Span;
        var ramped = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var f = FrustumCoordinates(s_panel, s_camera, 0, x, y);
                if (f is not { } g || Math.Min(Math.Min(g.U, 1 - g.U), Math.Min(g.V, 1 - g.V)) is var m && Math.Abs(m) < 0.002)
                {
                    continue;
                }

                var expected = SoftEdge.Alpha(g.U, g.V, settings);
                var (_, green, _) = Pixels.At(span, image.Width, x, y);
                Assert.InRange(green / 255.0, expected - (3 / 255.0), expected + (3 / 255.0));
                ramped += expected is > 0.05 and < 0.95 ? 1 : 0;
            }
        }

        Assert.True(ramped > 100, $"only {ramped} pixels on the ramp");
    }

    [Fact]
    public void RenderFrame_NoOrUnknownOrInvalidCamera_ShowsOuterOnly()
    {
        // Arrange
        using var renderer = StageRenderer.Create([s_panel], TestScenes.Surround(TestScenes.Red), Options);
        var key = new ChromaKey(true, 0, 1, 0);
        var invalid = s_camera with { Valid = false };

        // Act / Assert
        foreach (var (cameras, op) in new (RenderCamera[], OperatorState)[]
        {
            ([s_camera], new OperatorState(null, ChromaKey: key)),
            ([s_camera], new OperatorState("B", ChromaKey: key)),
            ([invalid], new OperatorState("A", ChromaKey: key)),
        })
        {
            var image = renderer.RenderFrame(1, cameras, op).Panels[0];
            Assert.False(image.HasInner);
            Assert.Equal(0, Pixels.Centroid(image.Pixels.Span, image.Width, image.Height, (r, g, b) => g > 0).Count);
        }
    }

    [Fact]
    public void RenderFrame_CameraLookingAway_DoesNotCoverThePanel()
    {
        // Arrange: turned 180°, the camera faces away from the wall.
        var away = s_camera with { Orientation = Quat.FromAxisAngle(Vec3.UnitY, Math.PI) };
        using var renderer = StageRenderer.Create([s_panel], TestScenes.Surround(TestScenes.Red), Options);

        // Act
        var image = renderer.RenderFrame(1, [away], new OperatorState("A", ChromaKey: new ChromaKey(true, 0, 1, 0))).Panels[0];

        // Assert
        Assert.False(image.HasInner);
        Assert.Equal(0, Pixels.Centroid(image.Pixels.Span, image.Width, image.Height, (r, g, b) => g > 0).Count);
    }

    [Fact]
    public void RenderFrame_Freeze_KeepsTheInnerPoseUntilReleased()
    {
        // Arrange
        using var renderer = StageRenderer.Create([s_panel], TestScenes.Surround(TestScenes.Red), Options);
        var key = new ChromaKey(true, 0, 1, 0);
        var moved = s_camera with { Pupil = s_camera.Pupil + new Vec3(-0.4, 0.1, 0) };
        byte[] Render(RenderCamera camera, bool freeze) =>
            renderer.RenderFrame(1, [camera], new OperatorState("A", Freeze: freeze, ChromaKey: key)).Panels[0].Pixels.ToArray();

        // Act
        var before = Render(s_camera, freeze: false);
        var frozenStart = Render(s_camera, freeze: true);
        var frozenMoved = Render(moved, freeze: true);
        var released = Render(moved, freeze: false);

        // Assert
        Assert.Equal(before, frozenStart);
        Assert.Equal(before, frozenMoved);
        Assert.NotEqual(before, released);
    }
}
