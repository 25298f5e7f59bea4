using StageControl.Core.Geometry;

namespace StageControl.Core.Stage;

/// <summary>One wall (or ceiling) of the stage, expanded into its panels.</summary>
/// <param name="Id">Wall id, used in panel ids and node ranges.</param>
/// <param name="Kind">Layout kind.</param>
/// <param name="PanelType">The one panel type the wall is built of.</param>
/// <param name="Columns">Panel columns.</param>
/// <param name="Rows">Panel rows.</param>
/// <param name="Panels">Panels, column-major: c01r01, c01r02, …</param>
public sealed record Wall(string Id, WallKind Kind, PanelType PanelType, int Columns, int Rows, IReadOnlyList<StagePanel> Panels)
{
    /// <summary>The arc, for <see cref="WallKind.Curved"/> walls.</summary>
    public CurvedArc? Arc { get; init; }

    /// <summary>The whole section as one quad, for flat walls and ceilings.</summary>
    public PanelQuad? Section { get; init; }

    /// <summary>Pixels on the wall.</summary>
    public long PixelCount => PanelType.PixelCount * Columns * Rows;

    /// <summary>The panel at a 1-based column and row.</summary>
    public StagePanel PanelAt(int column, int row) => Panels[((column - 1) * Rows) + (row - 1)];
}
