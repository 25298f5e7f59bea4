namespace StageControl.Tracking.FreeD;

/// <summary>How a vendor fills FreeD's zoom or focus field (shared/notes/protocols.md §1.6).</summary>
public enum FreeDEncoderKind
{
    /// <summary>A raw encoder count between a min and a max (max &lt; min means inverted), optionally masked.</summary>
    Raw,

    /// <summary>Focal length in millimetres × 100 (Z-Cam: 950 = 9.50 mm).</summary>
    FocalLengthMmX100,

    /// <summary>Focus distance in millimetres × 10 (Z-Cam: 12300 = 1230.0 mm).</summary>
    DistanceMmX10,

    /// <summary>A signed value stored with an offset: value − zero (Vizrt: 0x80000 is zero).</summary>
    Offset,
}
