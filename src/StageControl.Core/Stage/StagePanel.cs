using StageControl.Core.Geometry;

namespace StageControl.Core.Stage;

/// <summary>
/// One physical panel of a wall. <see cref="Id"/> is <c>WALL/cCCrRR</c> with 1-based column and row, at least two
/// digits each (<c>main/c03r02</c>): column 1 is the leftmost seen from the performance area, row 1 the bottom
/// (for a ceiling, the upstage edge; see <see cref="StageGeometry"/>).
/// </summary>
/// <param name="Id">Stable, readable id.</param>
/// <param name="WallId">The wall it belongs to.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Row">1-based row.</param>
/// <param name="Type">Its panel type.</param>
/// <param name="Quad">Its corners and pixel grid for projection.</param>
public sealed record StagePanel(string Id, string WallId, int Column, int Row, PanelType Type, PanelQuad Quad)
{
    /// <summary>Pixels on this panel.</summary>
    public long PixelCount => Type.PixelCount;

    /// <summary>The panel id for a wall, column and row.</summary>
    public static string MakeId(string wallId, int column, int row) =>
        FormattableString.Invariant($"{wallId}/c{column:D2}r{row:D2}");
}
