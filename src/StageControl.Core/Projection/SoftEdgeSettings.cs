namespace StageControl.Core.Projection;

/// <summary>
/// Inner-frustum soft edge, nDisplay's ICVFX camera soft-edge settings [R8]: widths as fractions of the inner
/// frustum (0..0.5) and the feather of the final smoothstep.
/// </summary>
/// <param name="Sides">Width of the left and right ramps, fraction of the frustum width.</param>
/// <param name="TopBottom">Height of the top and bottom ramps, fraction of the frustum height.</param>
/// <param name="Feather">Upper edge of smoothstep(0, feather, e).</param>
public readonly record struct SoftEdgeSettings(double Sides, double TopBottom, double Feather);
