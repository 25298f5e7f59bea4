// Oracle IF (shared/notes/math.md §3.3): inner-frustum footprint on a flat wall. Values copied here.
using StageControl.Core.Geometry;
using StageControl.Core.Projection;

namespace StageControl.Core.Tests.Projection;

public sealed class InnerFrustumOracleTests
{
    private const double Tol = 1e-6; // IF tolerance on values given to 6–7 decimals

    // IF setup: sensor 36 × 24 mm, f = 50 mm; C = (0.3, 1.6, 0); q = yaw(−10° about +Y) ⊗ pitch(+3° about +X).
    internal static readonly CameraOptics Optics = new(36, 24, 50);
    internal static readonly Vec3 CameraPosition = new(0.3, 1.6, 0.0);

    // Wall plane z = −4, N = (0, 0, 1), x ∈ [−5, 5], y ∈ [0, 5]; 0.5 m panels of 176 px; origin (−5, 0).
    internal const double PanelSize = 0.5;
    internal const int PanelPixels = 176;
    internal static readonly FlatWall Wall = new(new Vec3(-5, 0, -4), Vec3.UnitX, Vec3.UnitY, PanelSize / PanelPixels, PanelSize / PanelPixels);

    internal static Quat Orientation() =>
        Quat.FromAxisAngle(Vec3.UnitY, -10 * Math.PI / 180) * Quat.FromAxisAngle(Vec3.UnitX, 3 * Math.PI / 180);

    internal static CameraPose Pose() => new(CameraPosition, Orientation());

    /// <summary>The IF wall as 20 × 10 PanelQuads of 0.5 m (column c, row r from the lower left).</summary>
    internal static List<PanelQuad> WallPanels()
    {
        var panels = new List<PanelQuad>();
        for (var r = 0; r < 10; r++)
        {
            for (var c = 0; c < 20; c++)
            {
                var pa = new Vec3(-5 + (c * PanelSize), r * PanelSize, -4);
                panels.Add(new PanelQuad($"c{c:00}r{r:00}", pa, pa + new Vec3(PanelSize, 0, 0), pa + new Vec3(0, PanelSize, 0), PanelPixels, PanelPixels));
            }
        }

        return panels;
    }

    internal static (int Column, int Row) CellOf(PanelQuad panel) =>
        (int.Parse(panel.Id.AsSpan(1, 2), provider: System.Globalization.CultureInfo.InvariantCulture),
         int.Parse(panel.Id.AsSpan(4, 2), provider: System.Globalization.CultureInfo.InvariantCulture));

    private static InnerFrustum Frustum(FrustumTangents tangents)
    {
        Assert.True(InnerFrustum.TryCreate(Pose(), tangents, out var f, out var error), error.Describe());
        return f;
    }

    [Fact]
    public void Orientation_IfSetup_MatchesQuaternionAndForward()
    {
        // Act
        var q = Orientation();
        var forward = Pose().Forward;

        // Assert (IF setup: q = (0.9958533, 0.0260773, −0.0871259, 0.0022815), forward = (0.173410, 0.052336, −0.983458))
        Assert.Equal(0.9958533, q.W, Tol);
        Assert.Equal(0.0260773, q.X, Tol);
        Assert.Equal(-0.0871259, q.Y, Tol);
        Assert.Equal(0.0022815, q.Z, Tol);
        Assert.Equal(0.173410, forward.X, Tol);
        Assert.Equal(0.052336, forward.Y, Tol);
        Assert.Equal(-0.983458, forward.Z, Tol);
    }

    [Fact]
    public void CameraOptics_If1_TangentsAndFov()
    {
        // Act / Assert (IF-1: 0.36, 0.24, 39.5978°, 26.9915°; angles given to 4 decimals)
        Assert.Equal(0.36, Optics.TanHalfHorizontal, 1e-12);
        Assert.Equal(0.24, Optics.TanHalfVertical, 1e-12);
        Assert.Equal(39.5978, Optics.HorizontalFovDegrees, 5e-5);
        Assert.Equal(26.9915, Optics.VerticalFovDegrees, 5e-5);
        Assert.Equal(1.5, Optics.Aspect, 1e-12);
        Assert.Equal(new FrustumTangents(-0.36, 0.36, -0.24, 0.24), Optics.Tangents);
    }

    [Fact]
    public void FovMultiplier_If2_HalfTangentsAndArea()
    {
        // Act
        var t = Overscan.FovMultiplier(Optics, 1.2);

        // Assert (IF-2: h = 0.4401908, v = 0.2934605 = h/1.5, HFOV′ 47.5173°, area × 1.4951)
        Assert.Equal(0.4401908, t.Right, Tol);
        Assert.Equal(-0.4401908, t.Left, Tol);
        Assert.Equal(0.2934605, t.Top, Tol);
        Assert.Equal(t.Right / 1.5, t.Top, 1e-12);
        Assert.Equal(47.5173, t.HorizontalFovDegrees, 5e-5);
        var area = (t.Right - t.Left) * (t.Top - t.Bottom) / (0.72 * 0.48);
        Assert.Equal(1.4951, area, 5e-5);
    }

    [Theory]
    [InlineData(0.001, 1)]
    [InlineData(100, 178)]
    public void FovMultiplier_OutOfRange_ClampsFov(double multiplier, double expectedDegrees)
    {
        // Act
        var t = Overscan.FovMultiplier(Optics, multiplier);

        // Assert (§3.1 variant A clamp [1°, 178°])
        Assert.Equal(expectedDegrees, t.HorizontalFovDegrees, 1e-9);
    }

    [Fact]
    public void SidePercent_If3_TenPercentPerSide()
    {
        // Act
        var sides = Overscan.SidePercent(Optics.Tangents, 10, 10, 10, 10);
        var uniform = Overscan.Uniform(Optics.Tangents, 10);

        // Assert (IF-3: −0.432, 0.432, −0.288, 0.288; width × 1.2)
        Assert.Equal(-0.432, sides.Left, 1e-12);
        Assert.Equal(0.432, sides.Right, 1e-12);
        Assert.Equal(-0.288, sides.Bottom, 1e-12);
        Assert.Equal(0.288, sides.Top, 1e-12);
        Assert.Equal(1.2, (sides.Right - sides.Left) / 0.72, 1e-12);
        Assert.Equal(sides, uniform);
    }

    [Fact]
    public void SidePercent_Asymmetric_MovesEachSideByItsShare()
    {
        // Act: H = 0.72, V = 0.48
        var t = Overscan.SidePercent(Optics.Tangents, 0, 50, 25, -10);

        // Assert (§3.1 variant B)
        Assert.Equal(-0.36, t.Left, 1e-12);
        Assert.Equal(0.36 + 0.36, t.Right, 1e-12);
        Assert.Equal(-0.24 - 0.12, t.Bottom, 1e-12);
        Assert.Equal(0.24 - 0.048, t.Top, 1e-12);
    }

    [Fact]
    public void TryGetFootprint_If4_NominalCornerHitsAndPixels()
    {
        // Arrange
        var f = Frustum(Optics.Tangents);
        double[,] hits = { { -0.376302, 0.891967 }, { 2.571998, 0.797119 }, { 2.614657, 2.885561 }, { -0.409371, 2.730056 } };
        double[,] pixels = { { 1627.54, 313.97 }, { 2665.34, 280.59 }, { 2680.36, 1015.72 }, { 1615.90, 960.98 } };

        // Act
        var ok = f.TryGetFootprint(Wall, out var fp);

        // Assert (IF-4 corner hits, IF-4p wall pixels given to 2 decimals; order LB, RB, RT, LT)
        Assert.True(ok);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(hits[i, 0], fp[i].Stage.X, Tol);
            Assert.Equal(hits[i, 1], fp[i].Stage.Y, Tol);
            Assert.Equal(-4, fp[i].Stage.Z, 1e-12);
            Assert.Equal(hits[i, 0] + 5, fp[i].U, Tol);
            Assert.Equal(hits[i, 1], fp[i].V, Tol);
            Assert.Equal(pixels[i, 0], fp[i].PixelU, 5e-3);
            Assert.Equal(pixels[i, 1], fp[i].PixelV, 5e-3);
        }
    }

    [Fact]
    public void TryGetFootprint_If6_TenPercentOverscanCornerHits()
    {
        // Arrange
        var f = Frustum(Overscan.Uniform(Optics.Tangents, 10));
        double[,] hits = { { -0.629489, 0.723207 }, { 2.905756, 0.580730 }, { 2.968894, 3.121674 }, { -0.675993, 2.902918 } };

        // Act
        var ok = f.TryGetFootprint(Wall, out var fp);

        // Assert (IF-6)
        Assert.True(ok);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(hits[i, 0], fp[i].Stage.X, Tol);
            Assert.Equal(hits[i, 1], fp[i].Stage.Y, Tol);
        }
    }

    [Fact]
    public void Cover_If5_Nominal_Exactly35Panels()
    {
        // Arrange
        var f = Frustum(Optics.Tangents);
        var expected = new HashSet<(int, int)>();
        for (var c = 9; c <= 15; c++)
        {
            for (var r = 1; r <= 5; r++)
            {
                expected.Add((c, r));
            }
        }

        // Act
        var covered = CoveredCells(f);

        // Assert (IF-5: 35 panels, columns 9–15 × rows 1–5)
        Assert.Equal(35, covered.Count);
        Assert.True(expected.SetEquals(covered));
    }

    [Fact]
    public void Cover_If7_Overscan_Exactly45PanelsNotTheBoundingBox48()
    {
        // Arrange
        var f = Frustum(Overscan.Uniform(Optics.Tangents, 10));

        // Act
        var covered = CoveredCells(f);

        // Assert (IF-7: 45 panels within columns 8–15, rows 1–6; the bounding box would claim 48)
        Assert.Equal(45, covered.Count);
        Assert.All(covered, cell => Assert.InRange(cell.Item1, 8, 15));
        Assert.All(covered, cell => Assert.InRange(cell.Item2, 1, 6));
        Assert.Equal(8, covered.Select(c => c.Item1).Distinct().Count());
        Assert.Equal(6, covered.Select(c => c.Item2).Distinct().Count());

        // The three bounding-box cells the keystoned quad misses are corners of that box; check each against the hits:
        // a cell is kept exactly when some point of it is inside the quad (verified by dense sampling in
        // InnerFrustumCoverageTests); here: the box has 48 cells and exactly 3 are dropped.
        var box = 8 * 6;
        Assert.Equal(3, box - covered.Count);
    }

    [Fact]
    public void Cover_If5_EveryPanelUsesSeparatingAxis()
    {
        // Arrange
        var f = Frustum(Optics.Tangents);

        // Act
        var tests = WallPanels().Select(p => f.Cover(p).Test).Distinct().ToList();

        // Assert: all four rays hit the wall plane, so no clip-space fallback
        Assert.Equal([CoverageTest.SeparatingAxis], tests);
    }

    internal static HashSet<(int, int)> CoveredCells(InnerFrustum f)
    {
        var set = new HashSet<(int, int)>();
        foreach (var panel in WallPanels())
        {
            if (f.Cover(panel).Covered)
            {
                set.Add(CellOf(panel));
            }
        }

        return set;
    }
}
