namespace StageControl.Tracking.FreeD;

/// <summary>
/// What a vendor profile reads out of a D1 message's zoom, focus and spare fields. Values a vendor does not send are
/// NaN (numbers) or −1 (integers). Normalised encoder values still need a lens file to become optics
/// (protocols.md §1.6: "a lens file is needed to turn zoom/focus into field of view and distance").
/// </summary>
/// <param name="ZoomNormalized">Zoom 0 (wide) … 1 (tele), from a raw encoder.</param>
/// <param name="FocusNormalized">Focus 0 … 1, from a raw encoder (inverted encoders already flipped).</param>
/// <param name="FocalLengthMm">Focal length when the vendor sends it (Z-Cam).</param>
/// <param name="FocusDistanceM">Focus distance in metres when the vendor sends it (Z-Cam).</param>
/// <param name="ZoomOffsetValue">Offset-encoded zoom value (Vizrt), else NaN.</param>
/// <param name="FocusOffsetValue">Offset-encoded focus value (Vizrt), else NaN.</param>
/// <param name="FNumber">Iris as an f-number (Sony, Z-Cam).</param>
/// <param name="IrisNormalized">Iris 0 (closed) … 1 (open) (Panasonic).</param>
/// <param name="TrackingQuality">Mo-Sys tracking quality 0–3, else −1.</param>
/// <param name="FrameCounter">Frame counter mod 16 (Sony, Z-Cam), else −1.</param>
public readonly record struct FreeDLensReading(
    double ZoomNormalized,
    double FocusNormalized,
    double FocalLengthMm,
    double FocusDistanceM,
    double ZoomOffsetValue,
    double FocusOffsetValue,
    double FNumber,
    double IrisNormalized,
    int TrackingQuality,
    int FrameCounter);
