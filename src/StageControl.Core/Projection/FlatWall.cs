using StageControl.Core.Geometry;

namespace StageControl.Core.Projection;

/// <summary>
/// A flat wall (or one flat panel) for footprint maths (shared/notes/math.md §3.2): the plane through
/// <see cref="Origin"/> (the lower-left corner, where wall coordinates and pixels start) spanned by the unit axes
/// <see cref="AxisU"/> (right) and <see cref="AxisV"/> (up), facing <see cref="Normal"/> = AxisU × AxisV toward the
/// stage. Wall coordinates are u = (P − p0)·e_u, v = (P − p0)·e_v in metres; pixels are (u / PitchU, v / PitchV).
/// </summary>
/// <param name="Origin">p0, the lower-left corner.</param>
/// <param name="AxisU">e_u, unit, along the bottom edge.</param>
/// <param name="AxisV">e_v, unit, along the left edge, perpendicular to e_u.</param>
/// <param name="PitchU">Metres per pixel along u.</param>
/// <param name="PitchV">Metres per pixel along v.</param>
public readonly record struct FlatWall(Vec3 Origin, Vec3 AxisU, Vec3 AxisV, double PitchU, double PitchV)
{
    /// <summary>N = e_u × e_v, the unit normal facing the stage.</summary>
    public Vec3 Normal => Vec3.Cross(AxisU, AxisV);

    /// <summary>The plane of one panel: origin pa, axes vr and vu, pitch = size / pixel count.</summary>
    public static FlatWall FromPanel(PanelQuad panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return new FlatWall(panel.LowerLeft, panel.Right, panel.Up, panel.Width / panel.PixelsX, panel.Height / panel.PixelsY);
    }

    /// <summary>Wall coordinates (u, v) of a point, metres: the point is projected onto the plane.</summary>
    public (double U, double V) ToWall(Vec3 point)
    {
        var rel = point - Origin;
        return (Vec3.Dot(rel, AxisU), Vec3.Dot(rel, AxisV));
    }

    /// <summary>Pixel coordinates (u / PitchU, v / PitchV) of a point, from the lower-left corner.</summary>
    public (double U, double V) ToPixel(Vec3 point)
    {
        var (u, v) = ToWall(point);
        return (u / PitchU, v / PitchV);
    }

    /// <summary>
    /// Ray/plane intersection (math.md §3.2 step 2): s = ((p0 − C)·N) / (D·N); the ray hits when D·N &lt; 0 (it travels
    /// toward the front face) and s &gt; 0; the hit is C + s·D.
    /// </summary>
    public bool TryIntersect(Vec3 origin, Vec3 direction, out Vec3 hit)
    {
        var n = Normal;
        var dn = Vec3.Dot(direction, n);
        if (!(dn < 0))
        {
            hit = default;
            return false;
        }

        var s = Vec3.Dot(Origin - origin, n) / dn;
        if (!(s > 0) || !double.IsFinite(s))
        {
            hit = default;
            return false;
        }

        hit = origin + (s * direction);
        return true;
    }
}
