namespace StageControl.Tracking.FreeD;

/// <summary>
/// A tracker vendor's interpretation of FreeD's zoom, focus and spare fields (shared/notes/protocols.md §1.5–1.6; the
/// same table, with sources, is hardware/trackers/freed-vendors.json, and a test keeps the two equal).
/// <see cref="Read"/> is allocation-free: it runs per packet.
/// </summary>
/// <param name="Id">Profile id as in hardware/trackers/freed-vendors.json.</param>
/// <param name="DefaultPort">The vendor's (or Unreal's preset) UDP port, or null where the user sets it.</param>
/// <param name="Zoom">Zoom field encoding.</param>
/// <param name="Focus">Focus field encoding.</param>
/// <param name="Spare">Spare bytes layout.</param>
public sealed record FreeDVendorProfile(string Id, int? DefaultPort, FreeDEncoderField Zoom, FreeDEncoderField Focus, FreeDSpareLayout Spare)
{
    // Panasonic AW-UE encodes zoom, focus and iris over 0x555 … 0xFFF [PAN80][PAN160].
    private const int PanasonicMin = 0x555;
    private const int PanasonicMax = 0xFFF;

    /// <summary>The built-in profiles, in the order of hardware/trackers/freed-vendors.json.</summary>
    public static IReadOnlyList<FreeDVendorProfile> BuiltIn { get; } =
    [
        new("generic", 40000, new(FreeDEncoderKind.Raw, 0, 0x10000, 0xFFFF), new(FreeDEncoderKind.Raw, 0, 0x10000, 0xFFFF), FreeDSpareLayout.Unused),
        new("mo-sys", 8001, new(FreeDEncoderKind.Raw, 0, 0xFFFF), new(FreeDEncoderKind.Raw, 0, 0xFFFF), FreeDSpareLayout.TrackingQuality),
        new("stype", 6301, new(FreeDEncoderKind.Raw), new(FreeDEncoderKind.Raw), FreeDSpareLayout.Unused),
        new("ncam", 6301, new(FreeDEncoderKind.Raw), new(FreeDEncoderKind.Raw), FreeDSpareLayout.Unused),
        new("panasonic", 1111, new(FreeDEncoderKind.Raw, PanasonicMin, PanasonicMax), new(FreeDEncoderKind.Raw, PanasonicMin, PanasonicMax), FreeDSpareLayout.PanasonicIris),
        new("sony", 40000, new(FreeDEncoderKind.Raw, 0, 0xFFFFFF), new(FreeDEncoderKind.Raw, 0x7FFFFF, 0), FreeDSpareLayout.IrisAndFrameCounter),
        new("zcam", null, new(FreeDEncoderKind.FocalLengthMmX100), new(FreeDEncoderKind.DistanceMmX10), FreeDSpareLayout.IrisAndFrameCounter),
        new("vizrt", null, new(FreeDEncoderKind.Offset, Zero: 0x80000), new(FreeDEncoderKind.Offset, Zero: 0x80000), FreeDSpareLayout.Unused),
    ];

    /// <summary>Finds a built-in profile by id (case-insensitive).</summary>
    public static bool TryGet(string? id, out FreeDVendorProfile profile)
    {
        foreach (var p in BuiltIn)
        {
            if (string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                profile = p;
                return true;
            }
        }

        profile = null!;
        return false;
    }

    /// <summary>Reads zoom, focus and spare of one D1 message by this vendor's rules.</summary>
    public FreeDLensReading Read(in FreeDSample d1)
    {
        var focalLength = Zoom.Kind == FreeDEncoderKind.FocalLengthMmX100 ? d1.ZoomRaw / 100.0 : double.NaN;
        var focusDistance = Focus.Kind == FreeDEncoderKind.DistanceMmX10 ? d1.FocusRaw / 10.0 / 1000.0 : double.NaN;
        var zoomOffset = Zoom.Kind == FreeDEncoderKind.Offset ? d1.ZoomRaw - Zoom.Zero : double.NaN;
        var focusOffset = Focus.Kind == FreeDEncoderKind.Offset ? d1.FocusRaw - Focus.Zero : double.NaN;

        double fNumber = double.NaN, iris = double.NaN;
        int quality = -1, counter = -1;
        switch (Spare)
        {
            case FreeDSpareLayout.TrackingQuality:
                quality = d1.Spare & 0xFF;
                break;
            case FreeDSpareLayout.IrisAndFrameCounter:
                // Bits 0–11: F × 100 (F2.8 → 0x118); bits 12–15: frame counter mod 16 [ZCAM][UE58].
                var f100 = d1.Spare & 0x0FFF;
                fNumber = f100 == 0 ? double.NaN : f100 / 100.0;
                counter = d1.Spare >> 12;
                break;
            case FreeDSpareLayout.PanasonicIris:
                iris = Math.Clamp((d1.Spare - PanasonicMin) / (double)(PanasonicMax - PanasonicMin), 0.0, 1.0);
                break;
            default:
                break;
        }

        return new FreeDLensReading(
            Zoom.Normalize(d1.ZoomRaw), Focus.Normalize(d1.FocusRaw), focalLength, focusDistance, zoomOffset, focusOffset,
            fNumber, iris, quality, counter);
    }
}
