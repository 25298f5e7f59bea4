using StageControl.Core.Geometry;

namespace StageControl.Core.Stage;

/// <summary>
/// Expands walls into <see cref="PanelQuad"/>s (Kooima corners pa, pb, pc seen from the performance area,
/// shared/notes/math.md §2.1). Conventions:
/// <list type="bullet">
/// <item><b>Flat</b>: the section's lowerLeft/lowerRight/upperLeft are its pa/pb/pc; column c, row r (1-based)
/// starts at lowerLeft + (c−1)·w·vr + (r−1)·h·vu. The face points along vr × vu.</item>
/// <item><b>Curved</b>: see <see cref="CurvedArc"/> for the angle convention. Column c spans
/// θa = start + (c−1)·α … θb = θa + α with α = 2·asin(w / 2R); pa = centre + R·(sin θa, 0, −cos θa) lifted to the
/// row's bottom, pb the same at θb, pc = pa + h·Y. Both vertical edges lie on the circle (chords), adjacent
/// columns share an edge, and the normal (−sin θm, 0, cos θm) at the mid angle θm points at the centre.</item>
/// <item><b>Ceiling</b>: horizontal, facing down (−Y). Seen from below by a viewer who faces upstage (−Z) and
/// tilts the head back, "right" is +X and "up" is +Z (downstage). So with yaw 0, pa is the upstage-left corner
/// (min X, min Z), vr = +X, vu = +Z and vr × vu = −Y. A yaw θ turns the grid clockwise seen from above (the
/// curved-wall convention): vr = (cos θ, 0, sin θ), vu = (−sin θ, 0, cos θ). Row 1 is the upstage edge.</item>
/// </list>
/// </summary>
public static class StageGeometry
{
    /// <summary>Angle in degrees that one flat column of width <paramref name="widthM"/> spans on a circle of
    /// radius <paramref name="radiusM"/>: 2·asin(w / 2R). NaN when the panel is wider than the diameter.</summary>
    public static double ColumnAngleDeg(double widthM, double radiusM) =>
        widthM > 2 * radiusM ? double.NaN : 2 * Math.Asin(widthM / (2 * radiusM)) * 180.0 / Math.PI;

    /// <summary>The floor point at angle <paramref name="deg"/> on the arc's circle, lifted to height <paramref name="y"/>.</summary>
    public static Vec3 PointOnArc(CurvedArc arc, double deg, double y)
    {
        ArgumentNullException.ThrowIfNull(arc);
        var t = deg * Math.PI / 180.0;
        return new Vec3(arc.CenterX + (arc.RadiusM * Math.Sin(t)), y, arc.CenterZ - (arc.RadiusM * Math.Cos(t)));
    }

    /// <summary>Panels of a curved wall, column-major (c01r01, c01r02, …).</summary>
    public static IReadOnlyList<StagePanel> Curved(string wallId, PanelType type, CurvedArc arc, int columns, int rows)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(arc);
        var panels = new List<StagePanel>(columns * rows);
        for (var c = 1; c <= columns; c++)
        {
            var a = arc.StartDeg + ((c - 1) * arc.ColumnAngleDeg);
            var b = a + arc.ColumnAngleDeg;
            for (var r = 1; r <= rows; r++)
            {
                var y = arc.BottomM + ((r - 1) * type.HeightM);
                var pa = PointOnArc(arc, a, y);
                var pb = PointOnArc(arc, b, y);
                var pc = pa + (Vec3.UnitY * type.HeightM);
                panels.Add(Panel(wallId, c, r, type, pa, pb, pc));
            }
        }

        return panels;
    }

    /// <summary>Panels of a flat section whose corners are <paramref name="lowerLeft"/> (pa),
    /// <paramref name="lowerRight"/> (pb) and <paramref name="upperLeft"/> (pc). Panels are laid from pa along the
    /// section's own edge directions at the panel size; the loader checks the corners first.</summary>
    public static IReadOnlyList<StagePanel> Flat(
        string wallId, PanelType type, Vec3 lowerLeft, Vec3 lowerRight, Vec3 upperLeft, int columns, int rows)
    {
        ArgumentNullException.ThrowIfNull(type);
        var vr = (lowerRight - lowerLeft).Normalized();
        var vu = (upperLeft - lowerLeft).Normalized();
        var w = vr * type.WidthM;
        var h = vu * type.HeightM;
        var panels = new List<StagePanel>(columns * rows);
        for (var c = 1; c <= columns; c++)
        {
            for (var r = 1; r <= rows; r++)
            {
                var pa = lowerLeft + (w * (c - 1)) + (h * (r - 1));
                panels.Add(Panel(wallId, c, r, type, pa, pa + w, pa + h));
            }
        }

        return panels;
    }

    /// <summary>The corners (pa, pb, pc) of a ceiling section of <paramref name="columns"/> × <paramref name="rows"/>
    /// panels centred on (<paramref name="centerX"/>, <paramref name="centerZ"/>) at <paramref name="heightM"/>,
    /// turned by <paramref name="yawDeg"/> clockwise seen from above.</summary>
    public static (Vec3 LowerLeft, Vec3 LowerRight, Vec3 UpperLeft) CeilingCorners(
        PanelType type, double centerX, double centerZ, double heightM, double yawDeg, int columns, int rows)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = yawDeg * Math.PI / 180.0;
        var vr = new Vec3(Math.Cos(t), 0, Math.Sin(t));
        var vu = new Vec3(-Math.Sin(t), 0, Math.Cos(t));
        var width = type.WidthM * columns;
        var depth = type.HeightM * rows;
        var center = new Vec3(centerX, heightM, centerZ);
        var pa = center - (vr * (width / 2)) - (vu * (depth / 2));
        return (pa, pa + (vr * width), pa + (vu * depth));
    }

    private static StagePanel Panel(string wallId, int column, int row, PanelType type, Vec3 pa, Vec3 pb, Vec3 pc)
    {
        var id = StagePanel.MakeId(wallId, column, row);
        return new StagePanel(id, wallId, column, row, type, new PanelQuad(id, pa, pb, pc, type.PixelsX, type.PixelsY));
    }
}
