namespace StageControl.Core.Projection;

/// <summary>
/// The inner-frustum soft-edge alpha as nDisplay's overlay shader computes it (shared/notes/math.md §3.2 last
/// paragraph; [R4] <c>GetInnerCameraSoftEdgeAlpha</c>/<c>GetFeatherAlpha</c>), as a pure function.
/// </summary>
public static class SoftEdge
{
    /// <summary>
    /// Alpha at inner-frustum coordinates (u, v) ∈ [0, 1]² (u = 0 left, v = 0 at one horizontal edge; the function is
    /// symmetric in each axis). e_x = clamp(u/sides)² when u &lt; sides, clamp((1 − u)/sides)² when u &gt; 1 − sides,
    /// otherwise 1; likewise e_y with topBottom; alpha = Π smoothstep(0, feather, e) over the e below 1.
    /// Outside [0, 1]² the pixel is not in the inner frustum and alpha is 0. A side width ≤ 0 disables that ramp;
    /// a feather ≤ 0 makes smoothstep a step (e &gt; 0 → 1).
    /// </summary>
    public static double Alpha(double u, double v, SoftEdgeSettings settings)
    {
        if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1))
        {
            return 0;
        }

        var alpha = 1.0;
        var ex = Ramp(u, settings.Sides);
        if (ex < 1)
        {
            alpha *= SmoothStep(settings.Feather, ex);
        }

        var ey = Ramp(v, settings.TopBottom);
        if (ey < 1)
        {
            alpha *= SmoothStep(settings.Feather, ey);
        }

        return alpha;
    }

    private static double Ramp(double x, double width)
    {
        if (!(width > 0))
        {
            return 1;
        }

        if (x < width)
        {
            var e = Math.Clamp(x / width, 0, 1);
            return e * e;
        }

        if (x > 1 - width)
        {
            var e = Math.Clamp((1 - x) / width, 0, 1);
            return e * e;
        }

        return 1;
    }

    /// <summary>smoothstep(0, edge, x) = t²(3 − 2t) with t = clamp(x / edge, 0, 1).</summary>
    private static double SmoothStep(double edge, double x)
    {
        if (!(edge > 0))
        {
            return x > 0 ? 1 : 0;
        }

        var t = Math.Clamp(x / edge, 0, 1);
        return t * t * (3 - (2 * t));
    }
}
