namespace StageControl.Tracking.FreeD;

/// <summary>Message types, sizes and field offsets of the free-d protocol (Vinten manual v1.4.4, App. A).</summary>
internal static class FreeDConstants
{
    /// <summary>D1 position message type byte.</summary>
    public const byte TypeD1 = 0xD1;

    /// <summary>D0 poll/command message type byte (host → unit).</summary>
    public const byte TypeD0 = 0xD0;

    /// <summary>Length of a D1 message, checksum included.</summary>
    public const int D1Length = 29;

    /// <summary>Length of a D0 message, checksum included.</summary>
    public const int D0Length = 4;

    /// <summary>Start value of the checksum (App. A.1: 0x40 minus every byte before the checksum, mod 256).</summary>
    public const byte ChecksumSeed = 0x40;

    /// <summary>Smallest int24 value.</summary>
    public const int Int24Min = -0x800000;

    /// <summary>Largest int24 value.</summary>
    public const int Int24Max = 0x7FFFFF;

    /// <summary>Largest uint24 value.</summary>
    public const int UInt24Max = 0xFFFFFF;

    // D1 field offsets (App. A.3.2).
    public const int OffsetCamera = 1;
    public const int OffsetPan = 2;
    public const int OffsetTilt = 5;
    public const int OffsetRoll = 8;
    public const int OffsetX = 11;
    public const int OffsetY = 14;
    public const int OffsetZ = 17;
    public const int OffsetZoom = 20;
    public const int OffsetFocus = 23;
    public const int OffsetSpare = 26;
    public const int OffsetChecksum = 28;

    /// <summary>Checksum of <paramref name="body"/>: (0x40 − Σ bytes) mod 256 (App. A.1).</summary>
    public static byte Checksum(ReadOnlySpan<byte> body)
    {
        var sum = 0;
        foreach (var b in body)
        {
            sum += b;
        }

        return unchecked((byte)(ChecksumSeed - sum));
    }
}
