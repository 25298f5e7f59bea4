// Coverage and Kooima for panels that are not on the front wall: ceilings, curved-wall columns, random orientations
// (shared/notes/math.md §2.1 "works for rotated, inverted, floor and ceiling screens", §3.2 step 4).
using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.Geometry;
using StageControl.Core.Projection;

namespace StageControl.Core.Tests.Projection;

public sealed class AnyPanelCoverageTests
{
    private static bool Inside(InnerFrustum f, Vec3 point)
    {
        var p = f.Orientation.Conjugate().Rotate(point - f.Pupil);
        var w = -p.Z;
        var t = f.Tangents;
        return w > 0 && p.X > t.Left * w && p.X < t.Right * w && p.Y > t.Bottom * w && p.Y < t.Top * w;
    }

    /// <summary>Every pixel centre inside the frustum is in a covered panel's rectangle.</summary>
    private static void AssertNoFalseNegatives(InnerFrustum f, PanelQuad panel)
    {
        var coverage = f.Cover(panel);
        if (Vec3.Dot(f.Pupil - panel.LowerLeft, panel.Normal) <= 0)
        {
            // The camera sees the back of the panel: nothing to show there.
            Assert.False(coverage.Covered, panel.Id);
            Assert.Equal(CoverageTest.BackFacing, coverage.Test);
            return;
        }

        double pu = panel.Width / panel.PixelsX, pv = panel.Height / panel.PixelsY;
        for (var j = 0; j < panel.PixelsY; j++)
        {
            for (var i = 0; i < panel.PixelsX; i++)
            {
                var point = panel.LowerLeft + (panel.Right * ((i + 0.5) * pu)) + (panel.Up * ((j + 0.5) * pv));
                if (Inside(f, point))
                {
                    Assert.True(coverage.Covered, $"{panel.Id}: pixel ({i},{j}) inside but panel not covered ({coverage.Test})");
                    var r = coverage.Pixels;
                    Assert.True(i >= r.X0 && i < r.X1 && j >= r.Y0 && j < r.Y1, $"{panel.Id}: pixel ({i},{j}) outside {r} ({coverage.Test})");
                }
            }
        }
    }

    [Fact]
    public void Cover_CeilingPanelsSeenFromBelow_MatchPixelOracle()
    {
        // Arrange: ceiling at y = 5 facing down (−Y), 0.5 m panels; seen from below, pa→pb runs +X and pa→pc runs +Z (toward the camera, which is image-up when looking up),
        // so vn = (1,0,0) × (0,0,1) = (0,−1,0) faces the stage. Camera tilted up 50°.
        var pose = new CameraPose(new Vec3(0, 1.7, 0), Quat.FromAxisAngle(Vec3.UnitX, 50 * Math.PI / 180));
        Assert.True(InnerFrustum.TryCreate(pose, new FrustumTangents(-0.36, 0.36, -0.24, 0.24), out var f, out _));
        var covered = 0;
        for (var c = -6; c < 6; c++)
        {
            for (var r = 0; r < 12; r++)
            {
                var pa = new Vec3(c * 0.5, 5, -(r + 1) * 0.5);
                var panel = new PanelQuad($"ceil{c}/{r}", pa, pa + new Vec3(0.5, 0, 0), pa + new Vec3(0, 0, 0.5), 32, 32);
                Assert.Equal(-1, panel.Normal.Y, 1e-12);

                // Act / Assert
                AssertNoFalseNegatives(f, panel);
                covered += f.Cover(panel).Covered ? 1 : 0;
            }
        }

        Assert.InRange(covered, 1, 143);
    }

    [Fact]
    public void Kooima_CeilingPanelFromPanelQuad_CornersLandOnNdcCorners()
    {
        // Arrange
        var pa = new Vec3(-1, 5, -1);
        var panel = new PanelQuad("ceil", pa, pa + new Vec3(0.5, 0, 0), pa + new Vec3(0, 0, 0.5), 176, 176);
        Assert.True(KooimaScreen.TryFromPanel(panel, out var screen, out var error), error.Describe());

        // Act
        Assert.True(screen!.TryGetProjection(new Vec3(0.2, 1.7, 0.3), 0.1, 50, DepthRange.MinusOneToOne, out var p, out var x, out _));

        // Assert
        Assert.Equal(5 - 1.7, x.Distance, 1e-12);
        (Vec3 Point, double X, double Y)[] corners = [(panel.LowerLeft, -1, -1), (panel.LowerRight, 1, -1), (panel.UpperLeft, -1, 1), (panel.UpperRight, 1, 1)];
        foreach (var (point, ex, ey) in corners)
        {
            var v = p.TransformPoint(point);
            Assert.Equal(ex, v.X / v.W, 1e-9);
            Assert.Equal(ey, v.Y / v.W, 1e-9);
        }
    }

    [Fact]
    public void Cover_CurvedWallColumns_MatchPixelOracle()
    {
        // Arrange: a curved wall of radius 6 m around (0, 0, 0), 24 flat columns of 0.5 m × 0.5 m panels, facing inward;
        // a camera near the centre turned 25° left.
        var pose = new CameraPose(new Vec3(0.5, 1.6, 1), Quat.FromAxisAngle(Vec3.UnitY, 25 * Math.PI / 180));
        Assert.True(InnerFrustum.TryCreate(pose, Overscan.Uniform(new FrustumTangents(-0.36, 0.36, -0.24, 0.24), 10), out var f, out _));
        var chord = 0.5;
        var step = 2 * Math.Asin(chord / 2 / 6);
        var tests = new HashSet<CoverageTest>();
        for (var col = 0; col < 24; col++)
        {
            // Column between angles a0 < a1 measured from −Z toward −X; seen from the centre, the a1 end is on the
            // left, so pa sits there and pb at the a0 end (vn = vr × vu then points inward).
            var a0 = (col - 12) * step;
            var a1 = a0 + step;
            var left = new Vec3(-6 * Math.Sin(a1), 0, -6 * Math.Cos(a1));
            var right = new Vec3(-6 * Math.Sin(a0), 0, -6 * Math.Cos(a0));
            for (var row = 0; row < 8; row++)
            {
                var up = new Vec3(0, row * 0.5, 0);
                var panel = new PanelQuad($"col{col}/row{row}", left + up, right + up, left + up + new Vec3(0, 0.5, 0), 24, 24);

                // Act / Assert
                Assert.True(Vec3.Dot(panel.Normal, panel.Center with { Y = 0 }) < 0, "panels face the centre");
                AssertNoFalseNegatives(f, panel);
                tests.Add(f.Cover(panel).Test);
            }
        }

        Assert.Contains(CoverageTest.SeparatingAxis, tests);
    }

    [Fact]
    public void Cover_RandomPanelsAndPoses_NoPixelCentreInsideIsMissed()
    {
        var gen = Gen.ArrayOf(Gen.Choose(-10_000, 10_000), 12).Select(r =>
        {
            double U(int i) => r[i] / 10_000.0;
            var q = new Quat(U(0) + 1.5, U(1), U(2), U(3)).Normalized();
            var centre = new Vec3(U(4) * 3, U(5) * 3, -3 + U(6));
            var panelQ = new Quat(U(7) + 2, U(8) * 0.7, U(9) * 0.7, U(10) * 0.7).Normalized();
            var vr = panelQ.Rotate(Vec3.UnitX);
            var vu = panelQ.Rotate(Vec3.UnitY);
            var pa = centre - (vr * 0.5) - (vu * 0.5);
            var panel = new PanelQuad("rnd", pa, pa + vr, pa + vu, 24, 24);
            var pose = new CameraPose(new Vec3(U(11), 0.3, 1), q);
            return (Pose: pose, Panel: panel);
        });

        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            // Arrange
            Assert.True(InnerFrustum.TryCreate(c.Pose, new FrustumTangents(-0.5, 0.4, -0.3, 0.35), out var f, out _));

            // Act / Assert
            AssertNoFalseNegatives(f, c.Panel);
        }).QuickCheckThrowOnFailure();
    }
}
