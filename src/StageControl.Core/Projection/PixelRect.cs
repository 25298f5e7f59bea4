namespace StageControl.Core.Projection;

/// <summary>A rectangle of pixels on one panel, from its lower-left pixel: columns [X0, X1), rows [Y0, Y1).</summary>
/// <param name="X0">First column.</param>
/// <param name="Y0">First row (from the bottom).</param>
/// <param name="X1">One past the last column.</param>
/// <param name="Y1">One past the last row.</param>
public readonly record struct PixelRect(int X0, int Y0, int X1, int Y1)
{
    /// <summary>Columns covered.</summary>
    public int Width => X1 - X0;

    /// <summary>Rows covered.</summary>
    public int Height => Y1 - Y0;

    /// <summary>True when no pixel is covered.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;
}
