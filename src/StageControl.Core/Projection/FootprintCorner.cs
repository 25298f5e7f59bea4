using StageControl.Core.Geometry;

namespace StageControl.Core.Projection;

/// <summary>One corner of an inner-frustum footprint on a flat wall (shared/notes/math.md §3.2).</summary>
/// <param name="Stage">The hit point in stage space, metres.</param>
/// <param name="U">Wall coordinate along e_u, metres from the wall origin.</param>
/// <param name="V">Wall coordinate along e_v, metres.</param>
/// <param name="PixelU">U / pitch, pixels from the wall's lower-left corner.</param>
/// <param name="PixelV">V / pitch, pixels.</param>
public readonly record struct FootprintCorner(Vec3 Stage, double U, double V, double PixelU, double PixelV);
