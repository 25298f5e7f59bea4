using System.Buffers.Binary;

namespace StageControl.Tracking.OpenTrackIO;

/// <summary>OpenTrackIO packet encoder: the inverse of <see cref="OtrkReader"/> (layout drawn there).</summary>
public static class OtrkWriter
{
    /// <summary>
    /// Writes one packet (header with the 1.0.1 Fletcher-16, then <paramref name="payload"/>) and returns its length.
    /// </summary>
    /// <exception cref="ArgumentException">The payload exceeds 32767 bytes or <paramref name="destination"/> is too small.</exception>
    public static int WritePacket(
        OtrkEncoding encoding,
        ushort sequenceNumber,
        uint segmentOffset,
        bool isLastSegment,
        ReadOnlySpan<byte> payload,
        Span<byte> destination)
    {
        if (payload.Length > OtrkHeader.MaxPayloadLength)
        {
            throw new ArgumentException("An OTrk packet carries at most 32767 payload bytes.", nameof(payload));
        }

        var total = OtrkHeader.Length + payload.Length;
        if (destination.Length < total)
        {
            throw new ArgumentException("The destination is too small for the OTrk packet.", nameof(destination));
        }

        "OTrk"u8.CopyTo(destination);
        destination[4] = 0;
        destination[5] = (byte)encoding;
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], segmentOffset);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], (ushort)((isLastSegment ? 0x8000 : 0) | payload.Length));
        payload.CopyTo(destination[OtrkHeader.Length..]);
        var checksum = OtrkChecksum.Compute(destination, destination[OtrkHeader.Length..total]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], checksum);
        return total;
    }

    /// <summary>
    /// Splits <paramref name="payload"/> into packets of at most <paramref name="maxSegmentPayload"/> bytes (the
    /// reference sender uses 1484 for a 1500-byte MTU), numbering them from <paramref name="firstSequenceNumber"/>.
    /// Allocates; for tools, tests and the simulator's set-up.
    /// </summary>
    public static IReadOnlyList<byte[]> Segment(OtrkEncoding encoding, ushort firstSequenceNumber, ReadOnlySpan<byte> payload, int maxSegmentPayload = 1484)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegmentPayload, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSegmentPayload, OtrkHeader.MaxPayloadLength);
        var packets = new List<byte[]>();
        var offset = 0;
        var sequence = firstSequenceNumber;
        do
        {
            var count = Math.Min(maxSegmentPayload, payload.Length - offset);
            var packet = new byte[OtrkHeader.Length + count];
            WritePacket(encoding, sequence, (uint)offset, offset + count == payload.Length, payload.Slice(offset, count), packet);
            packets.Add(packet);
            offset += count;
            sequence = unchecked((ushort)(sequence + 1));
        }
        while (offset < payload.Length);
        return packets;
    }
}
