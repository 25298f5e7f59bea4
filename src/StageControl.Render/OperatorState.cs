namespace StageControl.Render;

/// <summary>
/// The DoP's live controls that change what the wall shows (common.proto <c>OperatorState</c>).
/// </summary>
/// <param name="ActiveCamera">Name of the camera whose inner frustum is drawn; null or unknown → outer frustum only.</param>
/// <param name="OverscanPercent">Inner-frustum overscan, percent of the frustum width/height added on each side
/// (shared/notes/math.md §3.1 variant B: 10 % widens the frustum × 1.2).</param>
/// <param name="SoftEdge">Soft-edge ramp width as a fraction of the inner frustum, 0..0.5 (0 = hard edge); used for
/// both the sides and top/bottom with feather 1 (math.md §3.2, <see cref="StageControl.Core.Projection.SoftEdge"/>).</param>
/// <param name="Freeze">When true the inner frustum keeps the pose it had when the freeze began while the outer frustum
/// goes on.</param>
/// <param name="ChromaKey">Flat fill of the inner frustum instead of the inner render.</param>
public readonly record struct OperatorState(string? ActiveCamera, double OverscanPercent = 0, double SoftEdge = 0, bool Freeze = false, ChromaKey ChromaKey = default)
{
    /// <summary>No camera: the wall shows the outer frustum only.</summary>
    public static OperatorState OuterOnly => default;
}
