namespace StageControl.Tracking.Capture;

/// <summary>
/// The StageControl tracking capture file (<c>.sctrk</c>): raw datagrams with their arrival times and senders, for
/// replay. All integers little-endian.
/// <code>
/// File header (24 bytes)
///  0                 8         10       11       12                      20          24
/// +-----------------+---------+--------+--------+-----------------------+-----------+
/// | "SCTRKCAP" magic| version | format | 0      | start, Unix ns (i64)  | 0 (u32)   |
/// |                 | u16 = 1 | u8     |        | UTC wall clock        |           |
/// +-----------------+---------+--------+--------+-----------------------+-----------+
/// Record (29 + length bytes), repeated to the end of the file
///  0                     8        9                       25       27       29
/// +---------------------+--------+-----------------------+--------+--------+-------------
/// | arrival offset ns   | family | address (16 bytes;    | port   | length | payload
/// | i64, since start,   | 4 or 6 | IPv4 in the first 4,  | u16    | u16    | (length bytes)
/// | never decreasing    |        | the rest zero)        |        |        |
/// +---------------------+--------+-----------------------+--------+--------+-------------
/// </code>
/// format: 0 unknown, 1 FreeD, 2 OSC, 3 OpenTrackIO (<see cref="Ingest.TrackingFormat"/>). A reader reports a record cut
/// short at the end as truncation, and an impossible field (bad family, non-zero IPv4 padding, length over 65 507,
/// offset going back) as corruption, each with the byte offset of the record.
/// </summary>
public static class CaptureFormat
{
    /// <summary>Current version.</summary>
    public const ushort Version = 1;

    /// <summary>File header length.</summary>
    public const int HeaderLength = 24;

    /// <summary>Record header length (before the payload).</summary>
    public const int RecordHeaderLength = 29;

    /// <summary>Largest payload (UDP over IPv4).</summary>
    public const int MaxPayloadLength = 65507;

    /// <summary>The magic bytes at offset 0.</summary>
    public static ReadOnlySpan<byte> Magic => "SCTRKCAP"u8;
}
