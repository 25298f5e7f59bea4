using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.Geometry;
using StageControl.Core.Stage;

namespace StageControl.Core.Tests.Stage;

/// <summary>Wall expansion: curved columns are chords facing the centre, ceilings face down, flat sections tile.</summary>
public sealed class StageGeometryTests
{
    private static readonly PanelType P500 = new("p500", "Test", "P500", 500, 500, 176, 176, 2.84);

    private static double FloorDistance(Vec3 p, CurvedArc arc) =>
        Math.Sqrt(((p.X - arc.CenterX) * (p.X - arc.CenterX)) + ((p.Z - arc.CenterZ) * (p.Z - arc.CenterZ)));

    private static (CurvedArc Arc, IReadOnlyList<StagePanel> Panels) Arc(double cx, double cz, double r, double start, int columns, int rows)
    {
        var alpha = StageGeometry.ColumnAngleDeg(P500.WidthM, r);
        var arc = new CurvedArc(cx, cz, r, start, start + (columns * alpha), 0.25, alpha);
        return (arc, StageGeometry.Curved("main", P500, arc, columns, rows));
    }

    [Fact]
    public void ColumnAngleDeg_FiveDegreeRadius_IsFiveDegrees()
    {
        // Arrange: R = 0.25 / sin(2.5°) puts 500 mm chords 5° apart (ROE's 5° curve brackets).
        var r = 0.25 / Math.Sin(2.5 * Math.PI / 180);

        // Act / Assert
        Assert.Equal(5.0, StageGeometry.ColumnAngleDeg(0.5, r), 12);
        Assert.True(double.IsNaN(StageGeometry.ColumnAngleDeg(2.0, 0.9)));
    }

    [Fact]
    public void Curved_ZeroAngle_PointsUpstageAndColumnOneIsLeft()
    {
        // Arrange: two columns either side of θ = 0 (upstage, −Z).
        var (arc, panels) = Arc(0, 0, 6, -StageGeometry.ColumnAngleDeg(0.5, 6), 2, 1);

        // Act
        var c1 = panels[0].Quad;
        var c2 = panels[1].Quad;

        // Assert: column 1 is at −X (left, seen from the centre facing −Z), both are at −Z, faces point +Z-ish.
        Assert.True(c1.Center.X < 0 && c2.Center.X > 0);
        Assert.True(c1.Center.Z < -5.9 && c2.Center.Z < -5.9);
        Assert.Equal(c1.LowerRight, c2.LowerLeft);
        Assert.True(c1.Normal.Z > 0.99 && c2.Normal.Z > 0.99);
        Assert.Equal(0, StageGeometry.PointOnArc(arc, 0, 0).X, 12);
        Assert.Equal(6, StageGeometry.PointOnArc(arc, 90, 0).X, 12);
    }

    [Fact]
    public void Curved_Columns_AreChordsFacingTheCentreSharingEdges()
    {
        // Arrange / Act: the demo's main wall shape, off-centre.
        var (arc, panels) = Arc(1.5, -2, 5.7314, -70, 28, 10);

        // Assert
        Assert.Equal(280, panels.Count);
        AssertCurvedInvariants(arc, panels, 28, 10);
    }

    [Fact]
    public void Curved_AnyArc_KeepsChordNormalAndEdgeInvariants()
    {
        // Arrange: radius 1–20 m, start −180..180°, 1–20 columns, 1–4 rows.
        var gen =
            from r in Gen.Choose(100, 2000).Select(x => x / 100.0)
            from start in Gen.Choose(-180, 180)
            from columns in Gen.Choose(1, 20)
            from rows in Gen.Choose(1, 4)
            from cx in Gen.Choose(-500, 500).Select(x => x / 100.0)
            select (r, start, columns, rows, cx);

        // Act / Assert
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (arc, panels) = Arc(t.cx, -t.cx, t.r, t.start, t.columns, t.rows);
            AssertCurvedInvariants(arc, panels, t.columns, t.rows);
            return true;
        }).QuickCheckThrowOnFailure();
    }

    private static void AssertCurvedInvariants(CurvedArc arc, IReadOnlyList<StagePanel> panels, int columns, int rows)
    {
        var centre = new Vec3(arc.CenterX, 0, arc.CenterZ);
        foreach (var p in panels)
        {
            var q = p.Quad;
            // Chord: both bottom corners on the circle, the panel exactly one panel wide and tall.
            Assert.Equal(arc.RadiusM, FloorDistance(q.LowerLeft, arc), 9);
            Assert.Equal(arc.RadiusM, FloorDistance(q.LowerRight, arc), 9);
            Assert.Equal(0.5, q.Width, 9);
            Assert.Equal(0.5, q.Height, 9);
            // Vertical, and the normal is the horizontal unit vector from the panel centre to the circle centre.
            Assert.Equal(0, q.Normal.Y, 9);
            var toCentre = new Vec3(centre.X - q.Center.X, 0, centre.Z - q.Center.Z).Normalized();
            Assert.Equal(1, Vec3.Dot(q.Normal, toCentre), 9);
            // Pixel grid from the type.
            Assert.Equal((176, 176), (q.PixelsX, q.PixelsY));
        }

        for (var c = 1; c < columns; c++)
        {
            for (var r = 1; r <= rows; r++)
            {
                var left = panels[((c - 1) * rows) + (r - 1)].Quad;
                var right = panels[(c * rows) + (r - 1)].Quad;
                Assert.True(Vec3.Distance(left.LowerRight, right.LowerLeft) < 1e-9);
                Assert.True(Vec3.Distance(left.UpperRight, right.UpperLeft) < 1e-9);
            }
        }

        for (var r = 1; r < rows; r++)
        {
            var below = panels[r - 1].Quad;
            var above = panels[r].Quad;
            Assert.True(Vec3.Distance(below.UpperLeft, above.LowerLeft) < 1e-9);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(-90)]
    public void CeilingCorners_AnyYaw_FacesDownAndIsCentred(double yaw)
    {
        // Arrange
        var (ll, lr, ul) = StageGeometry.CeilingCorners(P500, 1, -2, 5.5, yaw, 6, 4);

        // Act
        var panels = StageGeometry.Flat("ceiling", P500, ll, lr, ul, 6, 4);
        var section = new PanelQuad("s", ll, lr, ul, 1, 1);

        // Assert
        Assert.Equal(24, panels.Count);
        Assert.All(panels, p => Assert.Equal(new Vec3(0, -1, 0), Round(p.Quad.Normal)));
        Assert.All(panels, p => Assert.Equal(5.5, p.Quad.Center.Y, 12));
        Assert.Equal(1, section.Center.X, 12);
        Assert.Equal(-2, section.Center.Z, 12);
        Assert.Equal(3.0, section.Width, 12);
        Assert.Equal(2.0, section.Height, 12);
    }

    [Fact]
    public void CeilingCorners_ZeroYaw_RowOneIsUpstage()
    {
        // Arrange / Act
        var (ll, lr, ul) = StageGeometry.CeilingCorners(P500, 0, 0, 4, 0, 2, 2);
        var panels = StageGeometry.Flat("ceiling", P500, ll, lr, ul, 2, 2);

        // Assert: pa at min X, min Z; row 2 is downstage (+Z) of row 1; column 2 at +X.
        Assert.Equal(new Vec3(-0.5, 4, -0.5), ll);
        Assert.True(panels[1].Quad.Center.Z > panels[0].Quad.Center.Z);
        Assert.True(panels[2].Quad.Center.X > panels[0].Quad.Center.X);
    }

    [Fact]
    public void Flat_Section_TilesWithoutGaps()
    {
        // Arrange: a 3 × 2 section on the plane x = 2 facing −X.
        var ll = new Vec3(2, 0, -1);
        var lr = new Vec3(2, 0, 0.5);
        var ul = new Vec3(2, 1, -1);

        // Act
        var panels = StageGeometry.Flat("side", P500, ll, lr, ul, 3, 2);

        // Assert
        Assert.Equal("side/c03r02", panels[^1].Id);
        Assert.Equal(new Vec3(2, 1, 0.5), Round(panels[^1].Quad.UpperRight));
        Assert.Equal(new Vec3(-1, 0, 0), Round(panels[0].Quad.Normal));
    }

    [Fact]
    public void PanelOverlap_TouchingAndCrossingPanels_AreToldApart()
    {
        // Arrange
        var a = new PanelQuad("a", new Vec3(0, 0, 0), new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1, 1);
        var neighbour = new PanelQuad("b", new Vec3(1, 0, 0), new Vec3(2, 0, 0), new Vec3(1, 1, 0), 1, 1);
        var hinged = new PanelQuad("c", new Vec3(1, 0, 0), new Vec3(1.7, 0, 0.7), new Vec3(1, 1, 0), 1, 1);
        var crossing = new PanelQuad("d", new Vec3(0.5, 0.2, -0.5), new Vec3(0.5, 0.2, 0.5), new Vec3(0.5, 0.8, -0.5), 1, 1);
        var shifted = new PanelQuad("e", new Vec3(0.9, 0, 0), new Vec3(1.9, 0, 0), new Vec3(0.9, 1, 0), 1, 1);
        var parallel = new PanelQuad("f", new Vec3(0, 0, 0.01), new Vec3(1, 0, 0.01), new Vec3(0, 1, 0.01), 1, 1);

        // Act / Assert
        Assert.False(PanelOverlap.Overlap(a, neighbour));
        Assert.False(PanelOverlap.Overlap(a, hinged));
        Assert.False(PanelOverlap.Overlap(a, parallel));
        Assert.True(PanelOverlap.Overlap(a, crossing));
        Assert.True(PanelOverlap.Overlap(a, shifted));
        Assert.Equal([(0, 3), (0, 4)], PanelOverlap.FindOverlaps([a, neighbour, hinged, crossing, shifted]).Where(p => p.A == 0));
    }

    private static Vec3 Round(Vec3 v) => new(Math.Round(v.X, 9) + 0.0, Math.Round(v.Y, 9) + 0.0, Math.Round(v.Z, 9) + 0.0);
}
