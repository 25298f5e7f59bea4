namespace StageControl.Render.Scenes;

/// <summary>
/// Motion of the <see cref="DefaultScene"/>'s sweep bar: it stands on a circle of <see cref="BarRadiusM"/> around the
/// stage origin at azimuth θ(N) = start + step·(N mod period), θ measured like curved walls in configs/README.md
/// (direction (sin θ, 0, −cos θ): 0° upstage, +90° toward +X), and jumps back to start after passing the end.
/// </summary>
public sealed record DefaultSceneOptions
{
    /// <summary>First azimuth, degrees.</summary>
    public double BarStartDegrees { get; init; } = -80;

    /// <summary>Last azimuth, degrees.</summary>
    public double BarEndDegrees { get; init; } = 80;

    /// <summary>Azimuth step per frame, degrees (0.5° ≈ 5 cm on a 5.7 m wall: a one-frame tear is obvious).</summary>
    public double BarDegreesPerFrame { get; init; } = 0.5;

    /// <summary>Distance of the bar from the stage origin, metres (behind the demo's 5.73 m wall).</summary>
    public double BarRadiusM { get; init; } = 7.5;

    /// <summary>Lean of the bar from vertical, degrees (so its edges cross vertical seams too, where a tear also shows).</summary>
    public double BarLeanDegrees { get; init; } = 15;

    /// <summary>Height at which the bar's centre line sits exactly at θ(N), metres (the lean pivots about it).</summary>
    public double BarPivotHeightM { get; init; } = 2.5;

    /// <summary>Bar width, metres.</summary>
    public double BarWidthM { get; init; } = 0.35;
}
