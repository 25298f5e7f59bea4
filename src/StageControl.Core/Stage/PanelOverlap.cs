using StageControl.Core.Geometry;

namespace StageControl.Core.Stage;

/// <summary>
/// Finds panels that overlap in space. Panels that merely touch (a shared edge, as adjacent panels and curved
/// columns have, or an edge resting on another panel's face) do not count: each panel is first shrunk by
/// <see cref="ToleranceM"/> on every side. Two shrunk panels overlap when they are coplanar and their rectangles
/// overlap (separating-axis test in the plane), or when they are not coplanar and an edge of one crosses the
/// other (for two convex planar polygons that is how their interiors meet) or runs inside the other's face.
/// Known blind spot: four panels whose seams cross exactly on one line (a "+" of seams) each only touch.
/// </summary>
internal static class PanelOverlap
{
    /// <summary>1 mm: gaps and shared edges within this distance are "touching".</summary>
    public const double ToleranceM = 0.001;

    /// <summary>Every overlapping pair (i &lt; j) of <paramref name="quads"/>, by index.</summary>
    public static List<(int A, int B)> FindOverlaps(IReadOnlyList<PanelQuad> quads)
    {
        var pairs = new List<(int, int)>();
        var boxes = new (Vec3 Min, Vec3 Max)[quads.Count];
        for (var i = 0; i < quads.Count; i++)
        {
            boxes[i] = Bounds(quads[i]);
        }

        // Sweep along X so a 1000-panel stage does not do 500k exact tests.
        var order = Enumerable.Range(0, quads.Count).OrderBy(i => boxes[i].Min.X).ToArray();
        for (var oi = 0; oi < order.Length; oi++)
        {
            var i = order[oi];
            for (var oj = oi + 1; oj < order.Length; oj++)
            {
                var j = order[oj];
                if (boxes[j].Min.X > boxes[i].Max.X)
                {
                    break;
                }

                if (BoxesTouch(boxes[i], boxes[j]) && Overlap(quads[i], quads[j]))
                {
                    pairs.Add(i < j ? (i, j) : (j, i));
                }
            }
        }

        pairs.Sort();
        return pairs;
    }

    /// <summary>True when the two panels overlap by more than <see cref="ToleranceM"/>.</summary>
    public static bool Overlap(PanelQuad a, PanelQuad b)
    {
        var na = a.Normal;
        var nb = b.Normal;
        var coplanar = Math.Abs(Vec3.Dot(na, nb)) > 1 - 1e-9
            && Math.Abs(Vec3.Dot(na, b.LowerLeft - a.LowerLeft)) < ToleranceM;
        if (coplanar)
        {
            return CoplanarOverlap(a, b);
        }

        var sa = Shrink(a);
        var sb = Shrink(b);
        return EdgesCross(sa, sb) || EdgesCross(sb, sa) || EdgeInFace(b, a) || EdgeInFace(a, b);
    }

    /// <summary>True when a stretch (longer than the tolerance) of an edge of <paramref name="edges"/> lies inside the
    /// face of <paramref name="face"/>, away from its border. Shrinking alone would miss a panel that passes through
    /// another wall exactly at a seam: there each pair only touches, but the seam edge runs through the panel's face.
    /// (A panel edge resting on another panel's face counts too: it covers pixels.)</summary>
    private static bool EdgeInFace(PanelQuad edges, PanelQuad face)
    {
        Span<Vec3> c = [edges.LowerLeft, edges.LowerRight, edges.UpperRight, edges.UpperLeft];
        var n = face.Normal;
        var vr = face.Right;
        var vu = face.Up;
        var w = face.Width;
        var h = face.Height;
        for (var i = 0; i < 4; i++)
        {
            var p0 = c[i] - face.LowerLeft;
            var p1 = c[(i + 1) % 4] - face.LowerLeft;
            if (Math.Abs(Vec3.Dot(n, p0)) >= ToleranceM || Math.Abs(Vec3.Dot(n, p1)) >= ToleranceM)
            {
                continue;
            }

            // Clip the edge, in the face's (u, v) coordinates, to the face shrunk by the tolerance (Liang–Barsky).
            double u0 = Vec3.Dot(p0, vr), v0 = Vec3.Dot(p0, vu);
            double du = Vec3.Dot(p1, vr) - u0, dv = Vec3.Dot(p1, vu) - v0;
            double t0 = 0, t1 = 1;
            if (Clip(-du, u0 - ToleranceM, ref t0, ref t1) && Clip(du, w - ToleranceM - u0, ref t0, ref t1)
                && Clip(-dv, v0 - ToleranceM, ref t0, ref t1) && Clip(dv, h - ToleranceM - v0, ref t0, ref t1)
                && (t1 - t0) * Math.Sqrt((du * du) + (dv * dv)) > ToleranceM)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Clip(double p, double q, ref double t0, ref double t1)
    {
        if (p == 0)
        {
            return q >= 0;
        }

        var r = q / p;
        if (p < 0)
        {
            if (r > t1)
            {
                return false;
            }

            t0 = Math.Max(t0, r);
        }
        else
        {
            if (r < t0)
            {
                return false;
            }

            t1 = Math.Min(t1, r);
        }

        return true;
    }

    private static bool CoplanarOverlap(PanelQuad a, PanelQuad b)
    {
        // Project both rectangles into a's (vr, vu) plane and run the separating-axis test on the 4 edge normals.
        Span<double> ax = stackalloc double[8];
        Span<double> bx = stackalloc double[8];
        Corners2D(a, a, ax);
        Corners2D(a, b, bx);
        Span<double> axes = stackalloc double[8];
        axes[0] = 1;
        axes[1] = 0;
        axes[2] = 0;
        axes[3] = 1;
        var br = b.Right;
        var bu = b.Up;
        axes[4] = Vec3.Dot(br, a.Right);
        axes[5] = Vec3.Dot(br, a.Up);
        axes[6] = Vec3.Dot(bu, a.Right);
        axes[7] = Vec3.Dot(bu, a.Up);
        for (var k = 0; k < 4; k++)
        {
            var x = axes[2 * k];
            var y = axes[(2 * k) + 1];
            var (amin, amax) = Project(ax, x, y);
            var (bmin, bmax) = Project(bx, x, y);
            if (Math.Min(amax, bmax) - Math.Max(amin, bmin) <= ToleranceM)
            {
                return false;
            }
        }

        return true;
    }

    private static void Corners2D(PanelQuad basis, PanelQuad q, Span<double> xy)
    {
        Span<Vec3> c = [q.LowerLeft, q.LowerRight, q.UpperRight, q.UpperLeft];
        for (var i = 0; i < 4; i++)
        {
            var d = c[i] - basis.LowerLeft;
            xy[2 * i] = Vec3.Dot(d, basis.Right);
            xy[(2 * i) + 1] = Vec3.Dot(d, basis.Up);
        }
    }

    private static (double Min, double Max) Project(ReadOnlySpan<double> xy, double x, double y)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var i = 0; i < 4; i++)
        {
            var p = (xy[2 * i] * x) + (xy[(2 * i) + 1] * y);
            min = Math.Min(min, p);
            max = Math.Max(max, p);
        }

        return (min, max);
    }

    private static PanelQuad Shrink(PanelQuad q)
    {
        var r = q.Right * ToleranceM;
        var u = q.Up * ToleranceM;
        var pa = q.LowerLeft + r + u;
        return q with { LowerLeft = pa, LowerRight = q.LowerRight - r + u, UpperLeft = q.UpperLeft + r - u };
    }

    /// <summary>True when one of <paramref name="edges"/>' four edges crosses the rectangle <paramref name="face"/>.</summary>
    private static bool EdgesCross(PanelQuad edges, PanelQuad face)
    {
        Span<Vec3> c = [edges.LowerLeft, edges.LowerRight, edges.UpperRight, edges.UpperLeft];
        var n = face.Normal;
        var vr = face.Right;
        var vu = face.Up;
        var w = face.Width;
        var h = face.Height;
        for (var i = 0; i < 4; i++)
        {
            var p0 = c[i];
            var p1 = c[(i + 1) % 4];
            var d0 = Vec3.Dot(n, p0 - face.LowerLeft);
            var d1 = Vec3.Dot(n, p1 - face.LowerLeft);
            if ((d0 > 0 && d1 > 0) || (d0 < 0 && d1 < 0) || d0 == d1)
            {
                continue;
            }

            var p = Vec3.Lerp(p0, p1, d0 / (d0 - d1));
            var u = Vec3.Dot(p - face.LowerLeft, vr);
            var v = Vec3.Dot(p - face.LowerLeft, vu);
            if (u >= 0 && u <= w && v >= 0 && v <= h)
            {
                return true;
            }
        }

        return false;
    }

    private static (Vec3 Min, Vec3 Max) Bounds(PanelQuad q)
    {
        Span<Vec3> c = [q.LowerLeft, q.LowerRight, q.UpperRight, q.UpperLeft];
        var min = c[0];
        var max = c[0];
        for (var i = 1; i < 4; i++)
        {
            min = new Vec3(Math.Min(min.X, c[i].X), Math.Min(min.Y, c[i].Y), Math.Min(min.Z, c[i].Z));
            max = new Vec3(Math.Max(max.X, c[i].X), Math.Max(max.Y, c[i].Y), Math.Max(max.Z, c[i].Z));
        }

        return (min, max);
    }

    private static bool BoxesTouch((Vec3 Min, Vec3 Max) a, (Vec3 Min, Vec3 Max) b) =>
        a.Min.X <= b.Max.X + ToleranceM && b.Min.X <= a.Max.X + ToleranceM
        && a.Min.Y <= b.Max.Y + ToleranceM && b.Min.Y <= a.Max.Y + ToleranceM
        && a.Min.Z <= b.Max.Z + ToleranceM && b.Min.Z <= a.Max.Z + ToleranceM;
}
