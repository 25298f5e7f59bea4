namespace StageControl.Tracking.FreeD;

/// <summary>
/// One decoded FreeD D1 position message, kept as the raw integers of the wire (Vinten free-d manual v1.4.4,
/// App. A.3.2 / B) with scaled views. Conventions (App. B): right-handed studio axes, Z up; pan 0 looks along +Y and
/// is positive turning right (clockwise seen from above); tilt is positive up; roll is positive clockwise seen from
/// behind the camera. Pan and tilt are never clamped (Panasonic heads report tilt beyond ±90°).
/// </summary>
/// <param name="CameraId">Camera ID byte; 0xFF is the wildcard "any camera" (App. A.1).</param>
/// <param name="PanRaw">Pan, int24 two's complement in 1/32768 degree.</param>
/// <param name="TiltRaw">Tilt, int24 two's complement in 1/32768 degree.</param>
/// <param name="RollRaw">Roll, int24 two's complement in 1/32768 degree.</param>
/// <param name="XRaw">X position, int24 two's complement in 1/64 mm.</param>
/// <param name="YRaw">Y position, int24 two's complement in 1/64 mm.</param>
/// <param name="ZRaw">Height (Z), int24 two's complement in 1/64 mm.</param>
/// <param name="ZoomRaw">Zoom encoder count, uint24 (0 … 0xFFFFFF); its meaning is vendor-defined.</param>
/// <param name="FocusRaw">Focus encoder count, uint24 (0 … 0xFFFFFF); its meaning is vendor-defined.</param>
/// <param name="Spare">The two spare/user bytes as a big-endian uint16; vendor-defined.</param>
public readonly record struct FreeDSample(
    byte CameraId,
    int PanRaw,
    int TiltRaw,
    int RollRaw,
    int XRaw,
    int YRaw,
    int ZRaw,
    int ZoomRaw,
    int FocusRaw,
    ushort Spare)
{
    /// <summary>LSBs per degree of the angle fields (App. B: 15 fraction bits).</summary>
    public const double AngleLsbPerDegree = 32768.0;

    /// <summary>LSBs per millimetre of the position fields (App. B: 6 fraction bits).</summary>
    public const double PositionLsbPerMillimetre = 64.0;

    /// <summary>Camera ID that matches any camera (App. A.1).</summary>
    public const byte AnyCamera = 0xFF;

    /// <summary>Pan in degrees.</summary>
    public double PanDegrees => PanRaw / AngleLsbPerDegree;

    /// <summary>Tilt in degrees.</summary>
    public double TiltDegrees => TiltRaw / AngleLsbPerDegree;

    /// <summary>Roll in degrees.</summary>
    public double RollDegrees => RollRaw / AngleLsbPerDegree;

    /// <summary>X in millimetres.</summary>
    public double XMillimetres => XRaw / PositionLsbPerMillimetre;

    /// <summary>Y in millimetres.</summary>
    public double YMillimetres => YRaw / PositionLsbPerMillimetre;

    /// <summary>Height (Z, up) in millimetres.</summary>
    public double ZMillimetres => ZRaw / PositionLsbPerMillimetre;

    /// <summary>
    /// Builds a sample from physical values, rounding each to the nearest LSB (some public encoders truncate,
    /// which is one LSB off; protocols.md §1.7). Values outside the int24/uint24 range are refused.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its 24-bit field.</exception>
    public static FreeDSample FromPose(
        byte cameraId,
        double panDeg,
        double tiltDeg,
        double rollDeg,
        double xMm,
        double yMm,
        double zMm,
        int zoomRaw,
        int focusRaw,
        ushort spare)
    {
        return new FreeDSample(
            cameraId,
            ToInt24(panDeg * AngleLsbPerDegree, nameof(panDeg)),
            ToInt24(tiltDeg * AngleLsbPerDegree, nameof(tiltDeg)),
            ToInt24(rollDeg * AngleLsbPerDegree, nameof(rollDeg)),
            ToInt24(xMm * PositionLsbPerMillimetre, nameof(xMm)),
            ToInt24(yMm * PositionLsbPerMillimetre, nameof(yMm)),
            ToInt24(zMm * PositionLsbPerMillimetre, nameof(zMm)),
            CheckUInt24(zoomRaw, nameof(zoomRaw)),
            CheckUInt24(focusRaw, nameof(focusRaw)),
            spare);
    }

    private static int ToInt24(double lsb, string name)
    {
        var rounded = Math.Round(lsb, MidpointRounding.AwayFromZero);
        if (!(rounded >= FreeDConstants.Int24Min && rounded <= FreeDConstants.Int24Max))
        {
            throw new ArgumentOutOfRangeException(name, lsb, "Value does not fit a signed 24-bit FreeD field.");
        }

        return (int)rounded;
    }

    private static int CheckUInt24(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, FreeDConstants.UInt24Max, name);
        return value;
    }
}
