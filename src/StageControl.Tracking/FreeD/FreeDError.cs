namespace StageControl.Tracking.FreeD;

/// <summary>Why a FreeD packet was rejected.</summary>
public enum FreeDError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The first byte is not the expected message type (0xD1 for positions, 0xD0 for commands).</summary>
    WrongType,

    /// <summary>The datagram is not exactly one message long (29 bytes for D1, 4 for D0).</summary>
    WrongLength,

    /// <summary>The checksum byte is not (0x40 − Σ preceding bytes) mod 256.</summary>
    ChecksumMismatch,
}
