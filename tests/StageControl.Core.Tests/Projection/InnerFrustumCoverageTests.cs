// Inner frustum beyond the IF oracle rows: pixel rectangles against brute force, the clip-space fallback, matrices,
// the entrance pupil (shared/notes/math.md §3.2, §9.2) and the zero-allocation per-frame path.
using StageControl.Core.Geometry;
using StageControl.Core.Projection;

namespace StageControl.Core.Tests.Projection;

public sealed class InnerFrustumCoverageTests
{
    /// <summary>Independent oracle: is a stage point strictly inside the frustum pyramid (camera looks down −Z)?</summary>
    private static bool Inside(Vec3 pupil, Quat q, FrustumTangents t, Vec3 point)
    {
        var p = q.Conjugate().Rotate(point - pupil);
        var w = -p.Z;
        if (!(w > 0))
        {
            return false;
        }

        double x = p.X / w, y = p.Y / w;
        return x > t.Left && x < t.Right && y > t.Bottom && y < t.Top;
    }

    private static InnerFrustum Create(CameraPose pose, FrustumTangents t)
    {
        Assert.True(InnerFrustum.TryCreate(pose, t, out var f, out var error), error.Describe());
        return f;
    }

    [Fact]
    public void Cover_IfWallOverscan_PixelRectsBoundTheInsidePixelCentres()
    {
        // Arrange
        var t = Overscan.Uniform(InnerFrustumOracleTests.Optics.Tangents, 10);
        var pose = InnerFrustumOracleTests.Pose();
        var f = Create(pose, t);

        foreach (var panel in InnerFrustumOracleTests.WallPanels())
        {
            // Act
            var coverage = f.Cover(panel);

            // Brute force over every pixel centre of the panel.
            int bx0 = int.MaxValue, by0 = int.MaxValue, bx1 = int.MinValue, by1 = int.MinValue;
            var pitch = panel.Width / panel.PixelsX;
            for (var j = 0; j < panel.PixelsY; j++)
            {
                for (var i = 0; i < panel.PixelsX; i++)
                {
                    var point = panel.LowerLeft + (panel.Right * ((i + 0.5) * pitch)) + (panel.Up * ((j + 0.5) * pitch));
                    if (Inside(f.Pupil, pose.Orientation, t, point))
                    {
                        bx0 = Math.Min(bx0, i);
                        by0 = Math.Min(by0, j);
                        bx1 = Math.Max(bx1, i + 1);
                        by1 = Math.Max(by1, j + 1);
                    }
                }
            }

            // Assert: no false negative, and the rectangle holds every pixel whose centre is inside
            if (bx0 != int.MaxValue)
            {
                Assert.True(coverage.Covered, panel.Id);
                var r = coverage.Pixels;
                Assert.True(r.X0 <= bx0 && r.Y0 <= by0 && r.X1 >= bx1 && r.Y1 >= by1, $"{panel.Id}: {r} vs [{bx0},{by0})-[{bx1},{by1})");
            }

            if (coverage.Covered)
            {
                // Tightness: each edge band of the rectangle (two pixels wide) holds a point inside the frustum,
                // sampled at 1/16 pixel.
                var r = coverage.Pixels;
                Assert.False(r.IsEmpty, panel.Id);
                Assert.True(BandHasInsidePoint(f, pose, t, panel, r.X0, Math.Min(r.X0 + 2, r.X1), r.Y0, r.Y1), $"{panel.Id} left of {r}");
                Assert.True(BandHasInsidePoint(f, pose, t, panel, Math.Max(r.X1 - 2, r.X0), r.X1, r.Y0, r.Y1), $"{panel.Id} right of {r}");
                Assert.True(BandHasInsidePoint(f, pose, t, panel, r.X0, r.X1, r.Y0, Math.Min(r.Y0 + 2, r.Y1)), $"{panel.Id} bottom of {r}");
                Assert.True(BandHasInsidePoint(f, pose, t, panel, r.X0, r.X1, Math.Max(r.Y1 - 2, r.Y0), r.Y1), $"{panel.Id} top of {r}");
            }
        }
    }

    private static bool BandHasInsidePoint(InnerFrustum f, CameraPose pose, FrustumTangents t, PanelQuad panel, int x0, int x1, int y0, int y1)
    {
        var pitch = panel.Width / panel.PixelsX;
        const int Sub = 16;
        for (var j = y0 * Sub; j <= y1 * Sub; j++)
        {
            for (var i = x0 * Sub; i <= x1 * Sub; i++)
            {
                var point = panel.LowerLeft + (panel.Right * (i * pitch / Sub)) + (panel.Up * (j * pitch / Sub));
                if (Inside(f.Pupil, pose.Orientation, t, point))
                {
                    return true;
                }
            }
        }

        return false;
    }

    [Fact]
    public void Cover_FullyInsidePanel_CoversEveryPixel()
    {
        // Arrange: IF camera; panel c12r03 (x 1..1.5, y 1.5..2) lies well inside the nominal footprint (IF-4)
        var f = Create(InnerFrustumOracleTests.Pose(), InnerFrustumOracleTests.Optics.Tangents);
        var panel = InnerFrustumOracleTests.WallPanels().Single(p => p.Id == "c12r03");

        // Act
        var coverage = f.Cover(panel);

        // Assert
        Assert.True(coverage.Covered);
        Assert.Equal(new PixelRect(0, 0, 176, 176), coverage.Pixels);
    }

    [Fact]
    public void Cover_PanelPartlyInside_PixelRectStartsAtFootprintEdge()
    {
        // Arrange: IF nominal; the left edge of the footprint crosses panel c09r03 (x −0.5..0) near x ≈ −0.39
        var f = Create(InnerFrustumOracleTests.Pose(), InnerFrustumOracleTests.Optics.Tangents);
        var panel = InnerFrustumOracleTests.WallPanels().Single(p => p.Id == "c09r03");
        f.TryGetFootprint(InnerFrustumOracleTests.Wall, out var fp);

        // Act
        var coverage = f.Cover(panel);

        // Assert: the footprint's left edge is the straight line LB→LT on the wall; inside this panel's rows
        // (y 1.5..2.0) it is leftmost at y = 2.0, so X0 is that x's pixel column.
        var lb = fp.LeftBottom.Stage;
        var lt = fp.LeftTop.Stage;
        var xAtTop = lb.X + ((lt.X - lb.X) * (2.0 - lb.Y) / (lt.Y - lb.Y));
        var expectedX0 = (int)Math.Floor((xAtTop + 0.5) / 0.5 * 176);
        Assert.True(coverage.Covered);
        Assert.Equal(expectedX0, coverage.Pixels.X0);
        Assert.Equal(176, coverage.Pixels.X1);
        Assert.Equal(0, coverage.Pixels.Y0);
        Assert.Equal(176, coverage.Pixels.Y1);
    }

    [Fact]
    public void Cover_SideWallWhereLeftRaysMiss_UsesClipSpaceWithExactPixels()
    {
        // Arrange: camera at the origin looking down −Z, tangents ±0.5 (h) ±0.25 (v); a side wall x = 2 facing −X,
        // z from −10 (pa) to −1, y from −1 to 1. Rays with x < 0 never reach it, so the footprint has no outline.
        var pose = new CameraPose(Vec3.Zero, Quat.Identity);
        var t = new FrustumTangents(-0.5, 0.5, -0.25, 0.25);
        var f = Create(pose, t);
        var panel = new PanelQuad("side", new Vec3(2, -1, -10), new Vec3(2, -1, -1), new Vec3(2, 1, -10), 90, 20);
        var wall = FlatWall.FromPanel(panel);

        // Act
        var hasOutline = f.TryGetFootprint(wall, out _);
        var coverage = f.Cover(panel);

        // Assert: inside where x/w ≤ 0.5 → w ≥ 4 → z ∈ [−10, −4] → u ∈ [0, 6] of 9 m → columns [0, 60);
        // vertically |y| ≤ 0.25·w needs w ≥ 4 for |y| = 1, so every row.
        Assert.False(hasOutline);
        Assert.True(coverage.Covered);
        Assert.Equal(CoverageTest.ClipSpace, coverage.Test);
        Assert.Equal(new PixelRect(0, 0, 60, 20), coverage.Pixels);
    }

    [Fact]
    public void Cover_SideWallPanelAllCornersBeyondRightPlane_Rejected()
    {
        // Arrange: same side wall, z from −3 to −1: x/w ≥ 2/3 > 0.5 at every corner
        var f = Create(new CameraPose(Vec3.Zero, Quat.Identity), new FrustumTangents(-0.5, 0.5, -0.25, 0.25));
        var panel = new PanelQuad("near", new Vec3(2, -1, -3), new Vec3(2, -1, -1), new Vec3(2, 1, -3), 20, 20);

        // Act
        var coverage = f.Cover(panel);

        // Assert
        Assert.False(coverage.Covered);
        Assert.Equal(CoverageTest.ClipSpace, coverage.Test);
        Assert.True(coverage.Pixels.IsEmpty);
    }

    [Fact]
    public void Cover_PanelBehindCamera_RejectedByPupilPlane()
    {
        // Arrange: side wall panel entirely behind the camera (z > 0)
        var f = Create(new CameraPose(Vec3.Zero, Quat.Identity), new FrustumTangents(-0.5, 0.5, -0.25, 0.25));
        var panel = new PanelQuad("behind", new Vec3(2, -1, 1), new Vec3(2, -1, 3), new Vec3(2, 1, 1), 20, 20);

        // Act
        var coverage = f.Cover(panel);

        // Assert
        Assert.False(coverage.Covered);
    }

    [Fact]
    public void Cover_CameraBehindPanel_BackFacing()
    {
        // Arrange: IF wall panel, camera behind the wall (z = −6) looking toward it
        var f = Create(new CameraPose(new Vec3(0, 1, -6), Quat.FromAxisAngle(Vec3.UnitY, Math.PI)), InnerFrustumOracleTests.Optics.Tangents);
        var panel = InnerFrustumOracleTests.WallPanels().Single(p => p.Id == "c10r02");

        // Act
        var coverage = f.Cover(panel);

        // Assert
        Assert.False(coverage.Covered);
        Assert.Equal(CoverageTest.BackFacing, coverage.Test);
    }

    [Fact]
    public void Cover_CameraYawedSoRightRaysMissWall_FallbackKeepsEveryVisiblePanel()
    {
        // Arrange: IF wall; camera at (−2, 1.6, 0) yawed −72° (to the right): the right edge points away from the
        // wall, the left edge plane is vertical and meets the wall at x = −2 + 4·tan(52.2°) ≈ 3.157.
        var pose = new CameraPose(new Vec3(-2, 1.6, 0), Quat.FromAxisAngle(Vec3.UnitY, -72 * Math.PI / 180));
        var t = InnerFrustumOracleTests.Optics.Tangents;
        var f = Create(pose, t);
        var edgeX = -2 + (4 * Math.Tan((72 - (Math.Atan(0.36) * 180 / Math.PI)) * Math.PI / 180));

        // Act
        var hasOutline = f.TryGetFootprint(InnerFrustumOracleTests.Wall, out _);
        var results = InnerFrustumOracleTests.WallPanels().Select(p => (Panel: p, Coverage: f.Cover(p))).ToList();

        // Assert
        Assert.False(hasOutline);
        Assert.All(results, r => Assert.Equal(CoverageTest.ClipSpace, r.Coverage.Test));
        Assert.Contains(results, r => r.Coverage.Covered && InnerFrustumOracleTests.CellOf(r.Panel).Column == 16);
        foreach (var (panel, coverage) in results)
        {
            var (column, _) = InnerFrustumOracleTests.CellOf(panel);
            var sampledInside = false;
            for (var j = 0; j <= 20 && !sampledInside; j++)
            {
                for (var i = 0; i <= 20 && !sampledInside; i++)
                {
                    var point = panel.LowerLeft + (panel.Right * (panel.Width * i / 20)) + (panel.Up * (panel.Height * j / 20));
                    sampledInside = Inside(f.Pupil, pose.Orientation, t, point);
                }
            }

            if (sampledInside)
            {
                Assert.True(coverage.Covered, panel.Id);
            }

            // Left of the vertical left plane every corner fails it: rejected.
            if (column < 16)
            {
                Assert.False(coverage.Covered, panel.Id);
            }

            if (column == 16 && coverage.Covered)
            {
                var expectedX0 = (int)Math.Floor((edgeX - 3.0) / 0.5 * 176);
                Assert.InRange(coverage.Pixels.X0, expectedX0 - 1, expectedX0 + 1);
            }
        }
    }

    [Fact]
    public void ViewProjection_IfFootprintCorners_LandOnNdcCorners()
    {
        // Arrange
        var f = Create(InnerFrustumOracleTests.Pose(), InnerFrustumOracleTests.Optics.Tangents);
        f.TryGetFootprint(InnerFrustumOracleTests.Wall, out var fp);
        var m = new double[16];
        Assert.True(f.TryWriteViewProjection(0.1, 100, DepthRange.MinusOneToOne, m, out _));
        var vp = new Mat4(m);
        double[,] ndc = { { -1, -1 }, { 1, -1 }, { 1, 1 }, { -1, 1 } };

        for (var i = 0; i < 4; i++)
        {
            // Act
            var c = vp.TransformPoint(fp[i].Stage);

            // Assert
            Assert.True(c.W > 0);
            Assert.Equal(ndc[i, 0], c.X / c.W, 1e-9);
            Assert.Equal(ndc[i, 1], c.Y / c.W, 1e-9);
        }
    }

    [Fact]
    public void ViewProjection_EqualsProjectionTimesView()
    {
        // Arrange
        var pose = InnerFrustumOracleTests.Pose() with { EntrancePupilOffset = 0.12 };
        var f = Create(pose, Overscan.SidePercent(InnerFrustumOracleTests.Optics.Tangents, 5, 10, 0, 20));
        var m = new double[16];
        Assert.True(f.TryGetProjection(0.05, 500, DepthRange.ZeroToOne, out var p, out _));

        // Act
        f.TryWriteViewProjection(0.05, 500, DepthRange.ZeroToOne, m, out _);
        var expected = p * f.GetView();

        // Assert
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(expected[i / 4, i % 4], m[i], 1e-12);
        }
    }

    [Fact]
    public void View_MapsPupilToOriginAndForwardToMinusZ()
    {
        // Arrange
        var pose = InnerFrustumOracleTests.Pose() with { EntrancePupilOffset = 0.1 };
        var f = Create(pose, InnerFrustumOracleTests.Optics.Tangents);
        var v = f.GetView();

        // Act
        var origin = v.TransformPoint(f.Pupil);
        var ahead = v.TransformPoint(f.Pupil + pose.Forward);
        var up = v.Transform(pose.Up.X, pose.Up.Y, pose.Up.Z, 0);

        // Assert
        Assert.Equal(0, Math.Abs(origin.X) + Math.Abs(origin.Y) + Math.Abs(origin.Z), 1e-12);
        Assert.Equal(-1, ahead.Z, 1e-12);
        Assert.Equal(1, up.Y, 1e-12);
    }

    [Fact]
    public void EntrancePupil_Offset_MovesAlongForward()
    {
        // Arrange (§9.2: pe = p + q ⊗ (0, 0, −e) ⊗ q*)
        var pose = InnerFrustumOracleTests.Pose() with { EntrancePupilOffset = 0.25 };

        // Act
        var pupil = pose.EntrancePupil;

        // Assert (IF forward = (0.173410, 0.052336, −0.983458))
        Assert.Equal(0.3 + (0.25 * 0.173410), pupil.X, 1e-6);
        Assert.Equal(1.6 + (0.25 * 0.052336), pupil.Y, 1e-6);
        Assert.Equal(0.25 * -0.983458, pupil.Z, 1e-6);
    }

    [Fact]
    public void TryCreate_InvalidPoseOrTangents_FailsWithReason()
    {
        // Arrange
        var t = InnerFrustumOracleTests.Optics.Tangents;
        var pose = InnerFrustumOracleTests.Pose();

        // Act / Assert
        Assert.False(InnerFrustum.TryCreate(pose with { Orientation = new Quat(2, 0, 0, 0) }, t, out _, out var e1));
        Assert.Equal(ProjectionError.InvalidOrientation, e1);
        Assert.False(InnerFrustum.TryCreate(pose with { Position = new Vec3(double.NaN, 0, 0) }, t, out _, out var e2));
        Assert.Equal(ProjectionError.InvalidOrientation, e2);
        Assert.False(InnerFrustum.TryCreate(pose, new FrustumTangents(0.3, -0.3, -0.2, 0.2), out _, out var e3));
        Assert.Equal(ProjectionError.InvalidTangents, e3);
        Assert.False(InnerFrustum.TryCreate(pose, t with { Top = double.NaN }, out _, out var e4));
        Assert.Equal(ProjectionError.InvalidTangents, e4);
        var f = Create(pose, t);
        Assert.False(f.TryWriteProjection(0, 10, DepthRange.MinusOneToOne, new double[16], out var e5));
        Assert.Equal(ProjectionError.NearNotPositive, e5);
        Assert.False(f.TryWriteProjection(1, 1, DepthRange.MinusOneToOne, new double[16], out var e6));
        Assert.Equal(ProjectionError.FarNotBeyondNear, e6);
    }

    [Fact]
    public void Latency_VariantC_WidensEachSideByOmegaTimesL()
    {
        // Arrange: 30 °/s for 0.1 s → 3° per side
        var t = InnerFrustumOracleTests.Optics.Tangents;

        // Act
        var wide = Overscan.Latency(t, 30, 0.1);
        var none = Overscan.Latency(t, 0, 0.1);
        var clamped = Overscan.Latency(t, 1000, 1);

        // Assert (§3.1 variant C: tan′ = tan(atan(tan) + ω·L))
        Assert.Equal(Math.Tan(Math.Atan(0.36) + (3 * Math.PI / 180)), wide.Right, 1e-12);
        Assert.Equal(-wide.Right, wide.Left, 1e-12);
        Assert.Equal(Math.Tan(Math.Atan(0.24) + (3 * Math.PI / 180)), wide.Top, 1e-12);
        Assert.Equal(t.Right, none.Right, 1e-12);
        Assert.Equal(t.Left, none.Left, 1e-12);
        Assert.Equal(Math.Tan(89 * Math.PI / 180), clamped.Right, 1e-9);
        Assert.Throws<ArgumentOutOfRangeException>(() => Overscan.Latency(t, -1, 0.1));
    }

    [Fact]
    public void PerFrame_InnerFrustumCoverAndMatrices_AllocateZeroBytes()
    {
        // Arrange
        var panels = InnerFrustumOracleTests.WallPanels().ToArray();
        var t = Overscan.Uniform(InnerFrustumOracleTests.Optics.Tangents, 10);
        var pose = InnerFrustumOracleTests.Pose();
        Span<double> m = stackalloc double[16];
        var covered = 0;
        RunFrame(pose, t, panels, m, ref covered);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var frame = 0; frame < 200; frame++)
        {
            RunFrame(pose with { Position = pose.Position + new Vec3(frame * 1e-3, 0, 0) }, t, panels, m, ref covered);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
        Assert.True(covered > 0);
    }

    private static void RunFrame(CameraPose pose, FrustumTangents t, PanelQuad[] panels, Span<double> m, ref int covered)
    {
        InnerFrustum.TryCreate(pose, t, out var f, out _);
        f.TryWriteViewProjection(0.1, 100, DepthRange.MinusOneToOne, m, out _);
        f.TryGetFootprint(InnerFrustumOracleTests.Wall, out _);
        foreach (var panel in panels)
        {
            covered += f.Cover(panel).Covered ? 1 : 0;
        }
    }
}
