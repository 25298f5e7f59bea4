// Small allocation-free convex-polygon helpers for inner-frustum coverage (shared/notes/math.md §3.2 step 4):
// the separating-axis test in 2-D and Sutherland–Hodgman clipping against half-spaces.
namespace StageControl.Core.Projection;

/// <summary>Convex polygon helpers on flat spans of doubles (no allocation).</summary>
internal static class ConvexClip
{
    /// <summary>
    /// Separating-axis test between a convex polygon (<paramref name="xy"/> = x0, y0, x1, y1, …) and the rectangle
    /// [0, width] × [0, height]. The candidate axes are the rectangle's two axes and the polygon's edge normals
    /// (enough for two convex polygons). Shapes that only touch along an edge or at a point do not overlap.
    /// </summary>
    public static bool OverlapsRectangle(ReadOnlySpan<double> xy, double width, double height)
    {
        var count = xy.Length / 2;

        // Rectangle axes: the polygon's bounding interval against [0, w] and [0, h].
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity;
        double minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < count; i++)
        {
            minX = Math.Min(minX, xy[2 * i]);
            maxX = Math.Max(maxX, xy[2 * i]);
            minY = Math.Min(minY, xy[(2 * i) + 1]);
            maxY = Math.Max(maxY, xy[(2 * i) + 1]);
        }

        if (maxX <= 0 || minX >= width || maxY <= 0 || minY >= height)
        {
            return false;
        }

        // Polygon edge normals.
        for (var i = 0; i < count; i++)
        {
            var j = (i + 1) % count;
            var ax = -(xy[(2 * j) + 1] - xy[(2 * i) + 1]);
            var ay = xy[2 * j] - xy[2 * i];
            if (ax == 0 && ay == 0)
            {
                continue; // repeated vertex: no axis
            }

            double pMin = double.PositiveInfinity, pMax = double.NegativeInfinity;
            for (var k = 0; k < count; k++)
            {
                var p = (ax * xy[2 * k]) + (ay * xy[(2 * k) + 1]);
                pMin = Math.Min(pMin, p);
                pMax = Math.Max(pMax, p);
            }

            // Rectangle corners (0,0), (w,0), (0,h), (w,h) on the axis.
            var c1 = ax * width;
            var c2 = ay * height;
            var rMin = Math.Min(0, c1) + Math.Min(0, c2);
            var rMax = Math.Max(0, c1) + Math.Max(0, c2);
            if (pMax <= rMin || rMax <= pMin)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Clips a polygon (vertices of <paramref name="stride"/> doubles, <paramref name="count"/> of them) to the
    /// half-space a·v[0] + b·v[1] + c·v[2] ≥ 0, interpolating every component linearly; writes the result into
    /// <paramref name="destination"/> (room for count + 1 vertices) and returns its vertex count.
    /// </summary>
    public static int ClipHalfSpace(ReadOnlySpan<double> source, int count, int stride, double a, double b, double c, Span<double> destination)
    {
        var written = 0;
        if (count == 0)
        {
            return 0;
        }

        var prev = count - 1;
        var gPrev = Side(source.Slice(prev * stride, stride), a, b, c);
        for (var i = 0; i < count; i++)
        {
            var cur = source.Slice(i * stride, stride);
            var g = Side(cur, a, b, c);
            if ((g >= 0) != (gPrev >= 0))
            {
                // The edge crosses the plane: emit the crossing point.
                var t = gPrev / (gPrev - g);
                var p = source.Slice(prev * stride, stride);
                var dst = destination.Slice(written * stride, stride);
                for (var k = 0; k < stride; k++)
                {
                    dst[k] = p[k] + (t * (cur[k] - p[k]));
                }

                written++;
            }

            if (g >= 0)
            {
                cur.CopyTo(destination.Slice(written * stride, stride));
                written++;
            }

            prev = i;
            gPrev = g;
        }

        return written;
    }

    private static double Side(ReadOnlySpan<double> v, double a, double b, double c) => (a * v[0]) + (b * v[1]) + (c * v[2]);
}
