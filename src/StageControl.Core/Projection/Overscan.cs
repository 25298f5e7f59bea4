namespace StageControl.Core.Projection;

/// <summary>
/// Enlarging the inner frustum as a buffer against latency (shared/notes/math.md §3.1). All results are
/// <see cref="FrustumTangents"/> (unit distance), in the camera frame looking down −Z.
/// </summary>
public static class Overscan
{
    /// <summary>Smallest HFOV′ of variant A, degrees (nDisplay clamp [R5]).</summary>
    public const double MinFovDegrees = 1;

    /// <summary>Largest HFOV′ of variant A, degrees.</summary>
    public const double MaxFovDegrees = 178;

    /// <summary>Largest half-angle per side variant C may reach, degrees (keeps the tangent finite).</summary>
    public const double MaxHalfAngleDegrees = 89;

    /// <summary>
    /// Variant A, nDisplay's FOV multiplier [R5][R8]: HFOV′ = clamp(HFOV·k, 1°, 178°), halfW = tan(HFOV′/2),
    /// halfH = halfW / aspect; symmetric. A multiplier of 1 returns the nominal horizontal tangent.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not finite or not positive, or the optics are invalid.</exception>
    public static FrustumTangents FovMultiplier(CameraOptics optics, double multiplier)
    {
        if (!optics.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(optics), ProjectionError.InvalidCameraOptics.Describe());
        }

        if (!double.IsFinite(multiplier) || !(multiplier > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), "The FOV multiplier must be finite and greater than 0.");
        }

        var fov = Math.Clamp(optics.HorizontalFovDegrees * multiplier, MinFovDegrees, MaxFovDegrees);
        var halfW = Math.Tan(Angles.ToRadians(fov) / 2);
        return FrustumTangents.Symmetric(halfW, halfW / optics.Aspect);
    }

    /// <summary>
    /// Variant B, nDisplay custom frustum in percent [R8]: with H = r − l and V = t − b,
    /// l −= H·left%, r += H·right%, b −= V·bottom%, t += V·top%. Negative percentages shrink.
    /// </summary>
    public static FrustumTangents SidePercent(FrustumTangents tangents, double leftPercent, double rightPercent,
        double bottomPercent, double topPercent)
    {
        var h = tangents.Right - tangents.Left;
        var v = tangents.Top - tangents.Bottom;
        return new FrustumTangents(
            tangents.Left - (h * leftPercent / 100),
            tangents.Right + (h * rightPercent / 100),
            tangents.Bottom - (v * bottomPercent / 100),
            tangents.Top + (v * topPercent / 100));
    }

    /// <summary>Variant B with the same percentage on every side (10 % widens the frustum × 1.2).</summary>
    public static FrustumTangents Uniform(FrustumTangents tangents, double percent) =>
        SidePercent(tangents, percent, percent, percent, percent);

    /// <summary>
    /// Variant C, latency-driven (derived, math.md §3.1): a camera panning at ω (°/s) with motion-to-photon latency
    /// L (s) needs ω·L of extra angle on every side: tan′ = tan(atan(tan) ± ω·L), outward on each side, each side's
    /// angle clamped to ±<see cref="MaxHalfAngleDegrees"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">ω or L is negative or not finite.</exception>
    public static FrustumTangents Latency(FrustumTangents tangents, double angularSpeedDegreesPerSecond, double latencySeconds)
    {
        if (!double.IsFinite(angularSpeedDegreesPerSecond) || angularSpeedDegreesPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(angularSpeedDegreesPerSecond), "The angular speed must be finite and not negative.");
        }

        if (!double.IsFinite(latencySeconds) || latencySeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(latencySeconds), "The latency must be finite and not negative.");
        }

        var extra = Angles.ToRadians(angularSpeedDegreesPerSecond * latencySeconds);
        return new FrustumTangents(
            Widen(tangents.Left, -extra),
            Widen(tangents.Right, extra),
            Widen(tangents.Bottom, -extra),
            Widen(tangents.Top, extra));
    }

    private static double Widen(double tangent, double radians)
    {
        var max = Angles.ToRadians(MaxHalfAngleDegrees);
        return Math.Tan(Math.Clamp(Math.Atan(tangent) + radians, -max, max));
    }
}
