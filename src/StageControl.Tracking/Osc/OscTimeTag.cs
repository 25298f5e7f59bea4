namespace StageControl.Tracking.Osc;

/// <summary>
/// OSC timetag: 64-bit NTP fixed point, seconds since 1900-01-01 00:00 UTC in the upper 32 bits and a binary
/// fraction in the lower 32 (OSC 1.0 "Temporal Semantics"). The value 1 means "immediately".
/// </summary>
/// <param name="Seconds">Whole seconds since the NTP epoch.</param>
/// <param name="Fraction">Fraction of a second in units of 2^-32 s.</param>
public readonly record struct OscTimeTag(uint Seconds, uint Fraction)
{
    /// <summary>Seconds between the NTP epoch (1900) and the Unix epoch (1970).</summary>
    public const long NtpToUnixSeconds = 2_208_988_800L;

    /// <summary>The special value 0x0000000000000001: "immediately".</summary>
    public static OscTimeTag Immediately => new(0, 1);

    /// <summary>The 64-bit wire value.</summary>
    public ulong Raw => ((ulong)Seconds << 32) | Fraction;

    /// <summary>Whether this is the "immediately" value.</summary>
    public bool IsImmediately => Seconds == 0 && Fraction == 1;

    /// <summary>Builds a timetag from its 64-bit wire value.</summary>
    public static OscTimeTag FromRaw(ulong raw) => new((uint)(raw >> 32), (uint)raw);

    /// <summary>Seconds since the Unix epoch (may be negative before 1970), as a double.</summary>
    public double ToUnixSeconds() => Seconds - (double)NtpToUnixSeconds + (Fraction / 4294967296.0);
}
