namespace StageControl.Tracking.Osc;

/// <summary>Why an OSC packet or stream frame was rejected.</summary>
public enum OscError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The packet (or a bundle element) is empty.</summary>
    Empty,

    /// <summary>The first byte is neither <c>/</c> (message) nor <c>#</c> (bundle).</summary>
    UnknownPacketType,

    /// <summary>The packet ends inside a field.</summary>
    Truncated,

    /// <summary>An OSC-string has no terminating NUL.</summary>
    UnterminatedString,

    /// <summary>String or blob padding bytes are not zero.</summary>
    BadPadding,

    /// <summary>Bytes follow the address but they do not start with a type tag string (<c>,</c>).</summary>
    MissingTypeTags,

    /// <summary>
    /// A type tag outside the OSC 1.0/1.1 set. The whole packet is discarded, as OSC 1.0 asks
    /// ("OSC Type Tag String"); python-osc skips the tag instead.
    /// </summary>
    UnknownTypeTag,

    /// <summary>A blob size is negative or larger than the rest of the packet.</summary>
    BadBlobSize,

    /// <summary><c>[</c> and <c>]</c> do not balance in the type tag string.</summary>
    UnbalancedArray,

    /// <summary>Bundles or arrays nest deeper than the reader allows.</summary>
    TooDeep,

    /// <summary>A packet starting with <c>#</c> is not <c>#bundle\0</c>.</summary>
    BadBundleHeader,

    /// <summary>A bundle element size is negative, not a multiple of 4, or runs past the bundle.</summary>
    BadElementSize,

    /// <summary>Bytes remain after the last argument of a message.</summary>
    TrailingBytes,

    /// <summary>A SLIP escape byte (0xDB) is followed by something other than 0xDC or 0xDD.</summary>
    BadSlipEscape,

    /// <summary>A stream frame is larger than the allowed maximum or the destination buffer.</summary>
    FrameTooLarge,

    /// <summary>A length-prefixed frame announces a negative length.</summary>
    BadFrameLength,
}
