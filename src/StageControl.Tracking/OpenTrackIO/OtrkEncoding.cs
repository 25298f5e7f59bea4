namespace StageControl.Tracking.OpenTrackIO;

/// <summary>
/// Payload encoding byte of the OTrk header (OpenTrackIO 1.0.1 transport, byte 5). 0x80 and above are
/// vendor-specific and pass the header reader; the values in between are refused.
/// </summary>
public enum OtrkEncoding : byte
{
    /// <summary>UTF-8 JSON object.</summary>
    Json = 0x01,

    /// <summary>CBOR (RFC 8949) map with the same object model.</summary>
    Cbor = 0x02,
}
