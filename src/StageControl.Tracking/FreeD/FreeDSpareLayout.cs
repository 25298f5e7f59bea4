namespace StageControl.Tracking.FreeD;

/// <summary>What a vendor puts in FreeD's two spare bytes (shared/notes/protocols.md §1.6).</summary>
public enum FreeDSpareLayout
{
    /// <summary>Not used.</summary>
    Unused,

    /// <summary>Mo-Sys: low byte = tracking quality 0–3 (undefined, good, caution, bad).</summary>
    TrackingQuality,

    /// <summary>Sony, Z-Cam: bits 0–11 iris as F × 100, bits 12–15 a frame counter mod 16.</summary>
    IrisAndFrameCounter,

    /// <summary>Panasonic AW-UE: iris 0x555 (closed) … 0xFFF (open).</summary>
    PanasonicIris,
}
