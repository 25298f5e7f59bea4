namespace StageControl.Tracking.OpenTrackIO;

/// <summary>Why an OpenTrackIO datagram, segment or payload was rejected.</summary>
public enum OtrkError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The first four bytes are not <c>OTrk</c>.</summary>
    BadIdentifier,

    /// <summary>The encoding byte is neither JSON (0x01), CBOR (0x02) nor vendor-specific (0x80+).</summary>
    UnknownEncoding,

    /// <summary>The Fletcher-16 checksum does not match (1.0.1 rule, protocols.md §3.4).</summary>
    ChecksumMismatch,

    /// <summary>The datagram length is not 16 + the header's payload length.</summary>
    LengthMismatch,

    /// <summary>A segment continues a message whose first segment was never seen (or was dropped).</summary>
    MissingSegment,

    /// <summary>A segment's offset is not the number of bytes already buffered (lost or reordered segment).</summary>
    SegmentOutOfOrder,

    /// <summary>A segment arrived after the reassembly timeout of its message.</summary>
    SegmentTimedOut,

    /// <summary>A segment's encoding differs from the first segment's.</summary>
    EncodingChanged,

    /// <summary>The same segment (sequence number and offset) arrived twice in a row (multicast duplicate).</summary>
    DuplicateSegment,

    /// <summary>The reassembled message would exceed the configured maximum.</summary>
    MessageTooLarge,

    /// <summary>The payload is not valid JSON.</summary>
    InvalidJson,

    /// <summary>The payload is not valid CBOR, or uses CBOR that has no JSON form (see <see cref="Cbor.CborError"/>).</summary>
    InvalidCbor,

    /// <summary>The payload is valid but its top level is not an object/map.</summary>
    PayloadNotObject,

    /// <summary>The payload encoding is vendor-specific and cannot be decoded.</summary>
    UnsupportedEncoding,
}
