namespace StageControl.Core.Geometry;

/// <summary>
/// One flat LED panel (or flat section) placed in stage space, as the projection code sees it: the three
/// Kooima corners seen from the performance area — <see cref="LowerLeft"/> (pa), <see cref="LowerRight"/>
/// (pb), <see cref="UpperLeft"/> (pc) — and its pixel grid. Pixel (0, 0) is at the lower-left corner, u grows
/// toward pb and v toward pc. The panel faces +normal = normalize((pb − pa) × (pc − pa)).
/// </summary>
/// <param name="Id">Stable panel id, e.g. "main/c03r02".</param>
/// <param name="LowerLeft">pa, metres.</param>
/// <param name="LowerRight">pb, metres.</param>
/// <param name="UpperLeft">pc, metres.</param>
/// <param name="PixelsX">Pixels along pa→pb.</param>
/// <param name="PixelsY">Pixels along pa→pc.</param>
public sealed record PanelQuad(string Id, Vec3 LowerLeft, Vec3 LowerRight, Vec3 UpperLeft, int PixelsX, int PixelsY)
{
    /// <summary>pd = pb + pc − pa, the upper-right corner.</summary>
    public Vec3 UpperRight => LowerRight + UpperLeft - LowerLeft;

    /// <summary>Unit vector along the bottom edge (vr).</summary>
    public Vec3 Right => (LowerRight - LowerLeft).Normalized();

    /// <summary>Unit vector along the left edge (vu).</summary>
    public Vec3 Up => (UpperLeft - LowerLeft).Normalized();

    /// <summary>Unit normal toward the viewer (vn = vr × vu).</summary>
    public Vec3 Normal => Vec3.Cross(Right, Up).Normalized();

    /// <summary>Width in metres.</summary>
    public double Width => (LowerRight - LowerLeft).Length;

    /// <summary>Height in metres.</summary>
    public double Height => (UpperLeft - LowerLeft).Length;

    /// <summary>Centre point.</summary>
    public Vec3 Center => LowerLeft + ((LowerRight - LowerLeft) * 0.5) + ((UpperLeft - LowerLeft) * 0.5);
}
