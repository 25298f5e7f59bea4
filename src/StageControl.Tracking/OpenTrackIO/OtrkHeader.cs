namespace StageControl.Tracking.OpenTrackIO;

/// <summary>
/// The 16-byte OTrk packet header (OpenTrackIO 1.0.1, transport section; protocols.md §3.3). Layout is drawn on
/// <see cref="OtrkReader"/>.
/// </summary>
/// <param name="Reserved">Byte 4, ignored by receivers.</param>
/// <param name="Encoding">Payload encoding (byte 5).</param>
/// <param name="SequenceNumber">Bytes 6–7; 1.0.1 allows 0; wraps after 0xFFFF.</param>
/// <param name="SegmentOffset">Bytes 8–11: where this segment starts in the complete payload.</param>
/// <param name="IsLastSegment">Bit 7 of byte 12: the only or final segment.</param>
/// <param name="PayloadLength">The low 15 bits of bytes 12–13: the payload bytes in this packet.</param>
/// <param name="Checksum">Bytes 14–15: Fletcher-16 (sum2 high, sum1 low).</param>
public readonly record struct OtrkHeader(
    byte Reserved,
    OtrkEncoding Encoding,
    ushort SequenceNumber,
    uint SegmentOffset,
    bool IsLastSegment,
    int PayloadLength,
    ushort Checksum)
{
    /// <summary>Length of the header.</summary>
    public const int Length = 16;

    /// <summary>Largest payload one packet can carry (15-bit length field).</summary>
    public const int MaxPayloadLength = 0x7FFF;
}
