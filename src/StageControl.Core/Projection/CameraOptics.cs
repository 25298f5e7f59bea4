namespace StageControl.Core.Projection;

/// <summary>
/// A pinhole camera description (shared/notes/math.md §3.1, pinhole model [R33]): the active sensor (filmback)
/// size and the focal length, all in millimetres. OpenTrackIO carries W, H as
/// <c>static.camera.activeSensorPhysicalDimensions</c> and f as <c>lens.pinholeFocalLength</c> [R36].
/// Angles are returned in degrees; tangents are half-angle tangents at unit distance (n = 1).
/// </summary>
/// <param name="SensorWidthMm">W, active sensor width.</param>
/// <param name="SensorHeightMm">H, active sensor height.</param>
/// <param name="FocalLengthMm">f, pinhole focal length.</param>
public readonly record struct CameraOptics(double SensorWidthMm, double SensorHeightMm, double FocalLengthMm)
{
    /// <summary>True when W, H and f are finite and greater than 0.</summary>
    public bool IsValid =>
        double.IsFinite(SensorWidthMm) && SensorWidthMm > 0 &&
        double.IsFinite(SensorHeightMm) && SensorHeightMm > 0 &&
        double.IsFinite(FocalLengthMm) && FocalLengthMm > 0;

    /// <summary>tan(HFOV/2) = W / (2f).</summary>
    public double TanHalfHorizontal => SensorWidthMm / (2 * FocalLengthMm);

    /// <summary>tan(VFOV/2) = H / (2f).</summary>
    public double TanHalfVertical => SensorHeightMm / (2 * FocalLengthMm);

    /// <summary>HFOV = 2·atan(W / (2f)), degrees.</summary>
    public double HorizontalFovDegrees => 2 * Angles.ToDegrees(Math.Atan(TanHalfHorizontal));

    /// <summary>VFOV = 2·atan(H / (2f)), degrees.</summary>
    public double VerticalFovDegrees => 2 * Angles.ToDegrees(Math.Atan(TanHalfVertical));

    /// <summary>Aspect ratio W / H.</summary>
    public double Aspect => SensorWidthMm / SensorHeightMm;

    /// <summary>The nominal (no overscan) symmetric frustum tangents (−tan_h, tan_h, −tan_v, tan_v).</summary>
    public FrustumTangents Tangents => FrustumTangents.Symmetric(TanHalfHorizontal, TanHalfVertical);
}
