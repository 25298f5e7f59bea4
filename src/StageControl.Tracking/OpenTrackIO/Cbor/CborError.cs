namespace StageControl.Tracking.OpenTrackIO.Cbor;

/// <summary>Why CBOR input was rejected by <see cref="CborJsonReader"/>.</summary>
public enum CborError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The input ends inside an item.</summary>
    Truncated,

    /// <summary>Additional information 28–30, or 31 where no indefinite length is allowed (RFC 8949 §3).</summary>
    Malformed,

    /// <summary>A break (0xFF) outside an indefinite-length item.</summary>
    UnexpectedBreak,

    /// <summary>A chunk of an indefinite-length string has another major type or is itself indefinite (§3.2.3).</summary>
    BadChunk,

    /// <summary>A text string is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>Items nest deeper than <see cref="CborJsonReader.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>A map key that is neither a text string nor an integer (JSON keys are strings).</summary>
    UnsupportedMapKey,

    /// <summary>The same key twice in one map.</summary>
    DuplicateMapKey,

    /// <summary>A simple value other than false, true, null and undefined (§3.3).</summary>
    UnsupportedSimpleValue,

    /// <summary>Bytes follow the top-level item.</summary>
    TrailingBytes,
}
