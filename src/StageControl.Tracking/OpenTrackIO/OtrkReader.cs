using System.Buffers;
using System.Buffers.Binary;

namespace StageControl.Tracking.OpenTrackIO;

/// <summary>
/// Pure reader of OpenTrackIO UDP packets (OpenTrackIO 1.0.1 transport section; protocols.md §3.3–3.4).
/// Producers announcing 0.9.3 use the same framing and are read the same way.
/// <code>
///  0               4       5        6          8                12                 14         16
/// +---------------+-------+--------+----------+----------------+--+--------------+----------+---------
/// | "OTrk" (4F54  | rsvd  | encod- | sequence | segment offset |L | payload len  | Fletcher | payload
/// |  726B)        |       | ing    | u16      | u32            |  | 15 bits      | -16      | …
/// +---------------+-------+--------+----------+----------------+--+--------------+----------+---------
///   all big-endian; L = last-segment flag (bit 7 of byte 12); checksum over bytes 0–13 + payload
/// </code>
/// Result contract: <see cref="OperationStatus.Done"/> consumes the packet; <see cref="OperationStatus.NeedMoreData"/>
/// (a strict prefix) and <see cref="OperationStatus.InvalidData"/> consume nothing.
/// </summary>
public static class OtrkReader
{
    private static ReadOnlySpan<byte> Identifier => "OTrk"u8;

    /// <summary>Reads and validates the 16-byte header only (the checksum needs the payload: see <see cref="TryReadPacket"/>).</summary>
    public static OperationStatus TryReadHeader(ref SequenceReader<byte> reader, out OtrkHeader header, out OtrkError error)
    {
        Span<byte> bytes = stackalloc byte[OtrkHeader.Length];
        var status = PeekHeader(ref reader, bytes, out header, out error);
        if (status == OperationStatus.Done)
        {
            reader.Advance(OtrkHeader.Length);
        }

        return status;
    }

    /// <summary>
    /// Reads one packet: header, payload (as a slice of the input, no copy) and the checksum check.
    /// With <paramref name="acceptLegacyChecksums"/> the two 1.0.0 Fletcher variants are accepted as well.
    /// </summary>
    public static OperationStatus TryReadPacket(
        ref SequenceReader<byte> reader,
        out OtrkHeader header,
        out ReadOnlySequence<byte> payload,
        out OtrkError error,
        bool acceptLegacyChecksums = false)
    {
        payload = default;
        Span<byte> bytes = stackalloc byte[OtrkHeader.Length];
        var status = PeekHeader(ref reader, bytes, out header, out error);
        if (status != OperationStatus.Done)
        {
            return status;
        }

        if (reader.Remaining - OtrkHeader.Length < header.PayloadLength)
        {
            return OperationStatus.NeedMoreData;
        }

        var body = reader.UnreadSequence.Slice(OtrkHeader.Length, header.PayloadLength);
        var checksum = OtrkChecksum.Compute(bytes, body);
        if (checksum != header.Checksum && !(acceptLegacyChecksums && OtrkChecksum.MatchesLegacy(bytes, body, header.Checksum)))
        {
            error = OtrkError.ChecksumMismatch;
            return OperationStatus.InvalidData;
        }

        payload = body;
        reader.Advance(OtrkHeader.Length + header.PayloadLength);
        return OperationStatus.Done;
    }

    /// <summary>
    /// Reads one UDP datagram that must hold exactly one packet: a strict prefix or trailing bytes are
    /// <see cref="OtrkError.LengthMismatch"/>. Returns <see cref="OperationStatus.Done"/> or <see cref="OperationStatus.InvalidData"/>.
    /// </summary>
    public static OperationStatus TryReadDatagram(
        ReadOnlySequence<byte> datagram,
        out OtrkHeader header,
        out ReadOnlySequence<byte> payload,
        out OtrkError error,
        bool acceptLegacyChecksums = false)
    {
        var reader = new SequenceReader<byte>(datagram);
        var status = TryReadPacket(ref reader, out header, out payload, out error, acceptLegacyChecksums);
        if (status == OperationStatus.NeedMoreData || (status == OperationStatus.Done && !reader.End))
        {
            payload = default;
            error = OtrkError.LengthMismatch;
            return OperationStatus.InvalidData;
        }

        return status;
    }

    private static OperationStatus PeekHeader(ref SequenceReader<byte> reader, scoped Span<byte> bytes, out OtrkHeader header, out OtrkError error)
    {
        header = default;
        error = OtrkError.None;
        var available = (int)Math.Min(reader.Remaining, OtrkHeader.Length);
        var head = bytes[..available];
        reader.TryCopyTo(head);

        // Reject noise as soon as the identifier bytes seen so far differ.
        var idBytes = Math.Min(available, Identifier.Length);
        if (!head[..idBytes].SequenceEqual(Identifier[..idBytes]))
        {
            error = OtrkError.BadIdentifier;
            return OperationStatus.InvalidData;
        }

        if (available > 5 && !IsKnownEncoding(head[5]))
        {
            error = OtrkError.UnknownEncoding;
            return OperationStatus.InvalidData;
        }

        if (available < OtrkHeader.Length)
        {
            return OperationStatus.NeedMoreData;
        }

        var lengthWord = BinaryPrimitives.ReadUInt16BigEndian(bytes[12..]);
        header = new OtrkHeader(
            bytes[4],
            (OtrkEncoding)bytes[5],
            BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]),
            (lengthWord & 0x8000) != 0,
            lengthWord & 0x7FFF,
            BinaryPrimitives.ReadUInt16BigEndian(bytes[14..]));
        return OperationStatus.Done;
    }

    private static bool IsKnownEncoding(byte value)
        => value == (byte)OtrkEncoding.Json || value == (byte)OtrkEncoding.Cbor || value >= 0x80;
}
