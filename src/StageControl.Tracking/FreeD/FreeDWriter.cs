using static StageControl.Tracking.FreeD.FreeDConstants;

namespace StageControl.Tracking.FreeD;

/// <summary>FreeD encoder: the exact inverse of <see cref="FreeDReader"/> (layout drawn there).</summary>
public static class FreeDWriter
{
    /// <summary>Length of an encoded D1 message.</summary>
    public const int D1Length = FreeDConstants.D1Length;

    /// <summary>Length of an encoded D0 message.</summary>
    public const int D0Length = FreeDConstants.D0Length;

    /// <summary>Writes <paramref name="sample"/> as a 29-byte D1 message and returns the byte count.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 29 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A raw field does not fit its 24-bit wire field.</exception>
    public static int Write(in FreeDSample sample, Span<byte> destination)
    {
        if (destination.Length < D1Length)
        {
            throw new ArgumentException("A FreeD D1 message needs 29 bytes.", nameof(destination));
        }

        var m = destination[..D1Length];
        m[0] = TypeD1;
        m[OffsetCamera] = sample.CameraId;
        WriteInt24(m, OffsetPan, sample.PanRaw);
        WriteInt24(m, OffsetTilt, sample.TiltRaw);
        WriteInt24(m, OffsetRoll, sample.RollRaw);
        WriteInt24(m, OffsetX, sample.XRaw);
        WriteInt24(m, OffsetY, sample.YRaw);
        WriteInt24(m, OffsetZ, sample.ZRaw);
        WriteUInt24(m, OffsetZoom, sample.ZoomRaw);
        WriteUInt24(m, OffsetFocus, sample.FocusRaw);
        m[OffsetSpare] = (byte)(sample.Spare >> 8);
        m[OffsetSpare + 1] = (byte)sample.Spare;
        m[OffsetChecksum] = Checksum(m[..OffsetChecksum]);
        return D1Length;
    }

    /// <summary>Writes a 4-byte D0 poll/command message and returns the byte count.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 4 bytes.</exception>
    public static int WriteCommand(in FreeDCommand command, Span<byte> destination)
    {
        if (destination.Length < D0Length)
        {
            throw new ArgumentException("A FreeD D0 message needs 4 bytes.", nameof(destination));
        }

        destination[0] = TypeD0;
        destination[1] = command.CameraId;
        destination[2] = (byte)command.Code;
        destination[3] = Checksum(destination[..3]);
        return D0Length;
    }

    private static void WriteInt24(Span<byte> m, int offset, int value)
    {
        if (value < Int24Min || value > Int24Max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Value does not fit a signed 24-bit FreeD field.");
        }

        m[offset] = (byte)(value >> 16);
        m[offset + 1] = (byte)(value >> 8);
        m[offset + 2] = (byte)value;
    }

    private static void WriteUInt24(Span<byte> m, int offset, int value)
    {
        if (value < 0 || value > UInt24Max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Value does not fit an unsigned 24-bit FreeD field.");
        }

        m[offset] = (byte)(value >> 16);
        m[offset + 1] = (byte)(value >> 8);
        m[offset + 2] = (byte)value;
    }
}
