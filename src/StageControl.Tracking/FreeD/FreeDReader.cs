using System.Buffers;
using static StageControl.Tracking.FreeD.FreeDConstants;

namespace StageControl.Tracking.FreeD;

/// <summary>
/// Pure FreeD decoder on <see cref="SequenceReader{T}"/>; no allocation, no exceptions for bad input.
/// <code>
/// D1 position message, 29 bytes, multi-byte fields big-endian (Vinten free-d manual v1.4.4, App. A.3.2 and B):
///
///  0    1    2        5        8        11       14       17       20       23       26      28
/// +----+----+--------+--------+--------+--------+--------+--------+--------+--------+-------+----+
/// | D1 | CA |  pan   |  tilt  |  roll  |   X    |   Y    | Z (up) |  zoom  | focus  | spare | CK |
/// |    |    |  s24   |  s24   |  s24   |  s24   |  s24   |  s24   |  u24   |  u24   |  u16  |    |
/// +----+----+--------+--------+--------+--------+--------+--------+--------+--------+-------+----+
///   angles: 1/32768 degree; positions: 1/64 mm; CK = (0x40 − Σ bytes 0..27) mod 256   (App. A.1)
///
/// D0 poll/command, 4 bytes (App. A.3.1):   | D0 | CA | CD | CK |
/// </code>
/// Result contract (shared/STYLE.md "Parser design"): <see cref="OperationStatus.Done"/> consumes exactly one message;
/// <see cref="OperationStatus.NeedMoreData"/> and <see cref="OperationStatus.InvalidData"/> consume nothing, and the
/// caller drops the datagram on <c>InvalidData</c>. UDP carries one message per datagram (protocols.md §1.1), so
/// datagram receivers should call <see cref="TryReadDatagram(ReadOnlySequence{byte}, out FreeDSample, out FreeDError)"/>,
/// which also rejects datagrams of the wrong length.
/// </summary>
public static class FreeDReader
{
    /// <summary>Reads one D1 message. See the class remarks for the result contract.</summary>
    public static OperationStatus TryRead(ref SequenceReader<byte> reader, out FreeDSample sample)
        => TryRead(ref reader, out sample, out _);

    /// <summary>
    /// Reads one D1 message. On <see cref="FreeDError.ChecksumMismatch"/> the result is
    /// <see cref="OperationStatus.InvalidData"/> but <paramref name="sample"/> still holds the decoded fields, so a
    /// lenient checksum policy (count and accept, protocols.md §1.9) can use them.
    /// </summary>
    public static OperationStatus TryRead(ref SequenceReader<byte> reader, out FreeDSample sample, out FreeDError error)
    {
        sample = default;
        if (!reader.TryPeek(out var type))
        {
            error = FreeDError.None;
            return OperationStatus.NeedMoreData;
        }

        if (type != TypeD1)
        {
            error = FreeDError.WrongType;
            return OperationStatus.InvalidData;
        }

        Span<byte> copy = stackalloc byte[D1Length];
        var unread = reader.UnreadSpan;
        scoped ReadOnlySpan<byte> message;
        if (unread.Length >= D1Length)
        {
            // Fast path: the whole record is contiguous.
            message = unread[..D1Length];
        }
        else if (reader.TryCopyTo(copy))
        {
            message = copy;
        }
        else
        {
            error = FreeDError.None;
            return OperationStatus.NeedMoreData;
        }

        var status = ParseD1(message, out sample, out error);
        if (status == OperationStatus.Done)
        {
            reader.Advance(D1Length);
        }

        return status;
    }

    /// <summary>
    /// Decodes one UDP datagram that must hold exactly one D1 message (protocols.md §1.9): a shorter or longer
    /// datagram is <see cref="FreeDError.WrongLength"/>. Returns <see cref="OperationStatus.Done"/> or
    /// <see cref="OperationStatus.InvalidData"/>.
    /// </summary>
    public static OperationStatus TryReadDatagram(ReadOnlySequence<byte> datagram, out FreeDSample sample, out FreeDError error)
    {
        if (datagram.IsSingleSegment)
        {
            return TryReadDatagram(datagram.FirstSpan, out sample, out error);
        }

        if (datagram.Length != D1Length)
        {
            sample = default;
            error = datagram.FirstSpan.Length > 0 && datagram.FirstSpan[0] != TypeD1 ? FreeDError.WrongType : FreeDError.WrongLength;
            return OperationStatus.InvalidData;
        }

        Span<byte> copy = stackalloc byte[D1Length];
        datagram.CopyTo(copy);
        return ParseD1(copy, out sample, out error);
    }

    /// <summary>Span overload of <see cref="TryReadDatagram(ReadOnlySequence{byte}, out FreeDSample, out FreeDError)"/>.</summary>
    public static OperationStatus TryReadDatagram(ReadOnlySpan<byte> datagram, out FreeDSample sample, out FreeDError error)
    {
        if (datagram.Length > 0 && datagram[0] != TypeD1)
        {
            sample = default;
            error = FreeDError.WrongType;
            return OperationStatus.InvalidData;
        }

        if (datagram.Length != D1Length)
        {
            sample = default;
            error = FreeDError.WrongLength;
            return OperationStatus.InvalidData;
        }

        return ParseD1(datagram, out sample, out error);
    }

    /// <summary>Reads one D0 poll/command message (4 bytes). Same result contract as the D1 reader.</summary>
    public static OperationStatus TryReadCommand(ref SequenceReader<byte> reader, out FreeDCommand command, out FreeDError error)
    {
        command = default;
        Span<byte> message = stackalloc byte[D0Length];
        if (!reader.TryPeek(out var type))
        {
            error = FreeDError.None;
            return OperationStatus.NeedMoreData;
        }

        if (type != TypeD0)
        {
            error = FreeDError.WrongType;
            return OperationStatus.InvalidData;
        }

        if (!reader.TryCopyTo(message))
        {
            error = FreeDError.None;
            return OperationStatus.NeedMoreData;
        }

        command = new FreeDCommand(message[1], (FreeDCommandCode)message[2]);
        if (Checksum(message[..3]) != message[3])
        {
            error = FreeDError.ChecksumMismatch;
            return OperationStatus.InvalidData;
        }

        reader.Advance(D0Length);
        error = FreeDError.None;
        return OperationStatus.Done;
    }

    private static OperationStatus ParseD1(ReadOnlySpan<byte> m, out FreeDSample sample, out FreeDError error)
    {
        if (m[0] != TypeD1)
        {
            sample = default;
            error = FreeDError.WrongType;
            return OperationStatus.InvalidData;
        }

        sample = new FreeDSample(
            m[OffsetCamera],
            Int24(m, OffsetPan),
            Int24(m, OffsetTilt),
            Int24(m, OffsetRoll),
            Int24(m, OffsetX),
            Int24(m, OffsetY),
            Int24(m, OffsetZ),
            UInt24(m, OffsetZoom),
            UInt24(m, OffsetFocus),
            (ushort)((m[OffsetSpare] << 8) | m[OffsetSpare + 1]));

        if (Checksum(m[..OffsetChecksum]) != m[OffsetChecksum])
        {
            error = FreeDError.ChecksumMismatch;
            return OperationStatus.InvalidData;
        }

        error = FreeDError.None;
        return OperationStatus.Done;
    }

    // Sign extension: put the three bytes at the top of an int and shift arithmetically (protocols.md §1.3);
    // FFFFFFh is −1 LSB, not 0 (the Unreal decoder's off-by-one, §1.7).
    private static int Int24(ReadOnlySpan<byte> m, int offset)
        => ((m[offset] << 24) | (m[offset + 1] << 16) | (m[offset + 2] << 8)) >> 8;

    private static int UInt24(ReadOnlySpan<byte> m, int offset)
        => (m[offset] << 16) | (m[offset + 1] << 8) | m[offset + 2];
}
