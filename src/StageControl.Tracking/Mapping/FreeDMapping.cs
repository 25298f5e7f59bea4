using StageControl.Core.Geometry;
using StageControl.Tracking.FreeD;

namespace StageControl.Tracking.Mapping;

/// <summary>
/// FreeD D1 ↔ <see cref="TrackingSample"/>. Positions: FreeD X/Y/height in mm, Z-up (manual App. B) → stage metres
/// (x, z, −y)/1000 (math.md §1). Angles through <see cref="PanTiltRoll"/>. Zoom and focus stay raw counts here: their
/// meaning is vendor-defined (hardware/trackers/freed-vendors.json) and the lens calibration turns them into optics.
/// </summary>
public static class FreeDMapping
{
    /// <summary>The internal sample for a decoded D1 message that arrived at <paramref name="arrivalTimestamp"/>.</summary>
    public static TrackingSample ToSample(in FreeDSample d1, long arrivalTimestamp) => new(
        arrivalTimestamp,
        d1.CameraId,
        Vec3.FromZUp(d1.XMillimetres, d1.YMillimetres, d1.ZMillimetres) / 1000.0,
        PanTiltRoll.ToOrientation(d1.PanDegrees, d1.TiltDegrees, d1.RollDegrees),
        double.NaN,
        double.NaN,
        double.NaN,
        d1.ZoomRaw,
        d1.FocusRaw,
        -1);

    /// <summary>
    /// The D1 message for a sample (re-broadcast): positions and angles rounded to the nearest LSB; zoom/focus
    /// raw counts as given (0 when unknown), spare as given. Returns false when a value is outside FreeD's int24 range
    /// (±131 m, ±256°).
    /// </summary>
    public static bool TryFromSample(in TrackingSample sample, byte cameraId, ushort spare, out FreeDSample d1)
    {
        var (pan, tilt, roll) = PanTiltRoll.FromOrientation(sample.Orientation);

        // Inverse of (x, z, −y): tracker x = stage x, tracker y = −stage z, tracker z = stage y.
        var xMm = sample.Position.X * 1000.0;
        var yMm = -sample.Position.Z * 1000.0;
        var zMm = sample.Position.Y * 1000.0;
        var zoom = Math.Max(sample.ZoomRaw, 0);
        var focus = Math.Max(sample.FocusRaw, 0);
        if (!FitsInt24(pan * FreeDSample.AngleLsbPerDegree) || !FitsInt24(tilt * FreeDSample.AngleLsbPerDegree)
            || !FitsInt24(roll * FreeDSample.AngleLsbPerDegree) || !FitsInt24(xMm * FreeDSample.PositionLsbPerMillimetre)
            || !FitsInt24(yMm * FreeDSample.PositionLsbPerMillimetre) || !FitsInt24(zMm * FreeDSample.PositionLsbPerMillimetre)
            || zoom > FreeDConstants.UInt24Max || focus > FreeDConstants.UInt24Max)
        {
            d1 = default;
            return false;
        }

        d1 = FreeDSample.FromPose(cameraId, pan, tilt, roll, xMm, yMm, zMm, zoom, focus, spare);
        return true;
    }

    private static bool FitsInt24(double lsb)
    {
        var rounded = Math.Round(lsb, MidpointRounding.AwayFromZero);
        return rounded >= FreeDConstants.Int24Min && rounded <= FreeDConstants.Int24Max;
    }
}
