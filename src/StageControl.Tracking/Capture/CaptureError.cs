namespace StageControl.Tracking.Capture;

/// <summary>What is wrong with a capture file.</summary>
public enum CaptureError
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The file does not start with the magic bytes.</summary>
    BadMagic,

    /// <summary>A version this reader does not know.</summary>
    UnsupportedVersion,

    /// <summary>The file ends inside the header or a record.</summary>
    Truncated,

    /// <summary>A record field is impossible.</summary>
    Corrupt,
}
