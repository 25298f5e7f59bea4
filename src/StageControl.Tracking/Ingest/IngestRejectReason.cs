namespace StageControl.Tracking.Ingest;

/// <summary>Why a datagram produced no sample. Counted per source and in the <c>stagecontrol.tracking.rejects</c> metric.</summary>
public enum IngestRejectReason
{
    /// <summary>Not rejected.</summary>
    None = 0,

    /// <summary>The sender's address is outside the allowlist.</summary>
    NotAllowed,

    /// <summary>The source table is full (a flood of distinct senders).</summary>
    TooManySources,

    /// <summary>An empty datagram.</summary>
    Empty,

    /// <summary>Wrong message type, length or identifier for the format.</summary>
    Malformed,

    /// <summary>Checksum mismatch (FreeD, OpenTrackIO).</summary>
    Checksum,

    /// <summary>OpenTrackIO segment lost, out of order, duplicated or timed out; the message is dropped.</summary>
    Reassembly,

    /// <summary>The payload is not valid JSON/CBOR/OSC, or a value has the wrong type.</summary>
    Payload,

    /// <summary>Valid, but carries no pose (an OpenTrackIO static-only message, an OSC address not in the map).</summary>
    NoPose,
}
