namespace StageControl.Core.Projection;

/// <summary>Whether the inner frustum covers one panel, and which of its pixels.</summary>
/// <param name="Covered">True when the panel must render inner-frustum content.</param>
/// <param name="Test">How it was decided.</param>
/// <param name="Pixels">The covered pixel rectangle, clipped to the panel (empty when not covered).</param>
public readonly record struct PanelCoverage(bool Covered, CoverageTest Test, PixelRect Pixels);
