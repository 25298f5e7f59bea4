namespace StageControl.Tracking.Osc;

/// <summary>
/// Receives the parts of one OSC packet from <see cref="OscReader.TryRead{THandler}(ref System.Buffers.SequenceReader{byte}, ref THandler, out OscError)"/>.
/// Implement it on a <c>struct</c> so the JIT specialises the parser for it and no message objects are built
/// (shared/STYLE.md "Parser design", after Kestrel's <c>Http1ParsingHandler</c>). Spans are valid only during the
/// call. The reader validates the whole packet before the first callback, so a handler never sees part of a packet
/// that is later rejected.
/// </summary>
public interface IOscHandler
{
    /// <summary>A bundle starts; its elements follow, then <see cref="OnBundleEnd"/>. Bundles nest.</summary>
    void OnBundleStart(OscTimeTag timeTag);

    /// <summary>The innermost open bundle ends.</summary>
    void OnBundleEnd();

    /// <summary>
    /// A message starts. <paramref name="typeTags"/> is the type tag string as sent, with its leading comma,
    /// or empty when an old sender omitted it (OSC 1.0 "OSC Type Tag String").
    /// </summary>
    void OnMessageStart(ReadOnlySpan<byte> address, ReadOnlySpan<byte> typeTags);

    /// <summary>The current message ends.</summary>
    void OnMessageEnd();

    /// <summary>Tag <c>i</c>: int32.</summary>
    void OnInt32(int value);

    /// <summary>Tag <c>h</c>: int64.</summary>
    void OnInt64(long value);

    /// <summary>Tag <c>f</c>: float32.</summary>
    void OnFloat32(float value);

    /// <summary>Tag <c>d</c>: float64.</summary>
    void OnFloat64(double value);

    /// <summary>Tag <c>s</c> (or <c>S</c>, "symbol", when <paramref name="isSymbol"/>): the string bytes without NULs.</summary>
    void OnString(ReadOnlySpan<byte> value, bool isSymbol);

    /// <summary>Tag <c>b</c>: the blob bytes without the size and padding.</summary>
    void OnBlob(ReadOnlySpan<byte> value);

    /// <summary>Tag <c>c</c>: the character as sent in 32 bits.</summary>
    void OnChar(int value);

    /// <summary>Tag <c>t</c>: a timetag argument.</summary>
    void OnTimeTag(OscTimeTag value);

    /// <summary>Tag <c>r</c>: 32-bit RGBA colour (red in the most significant byte).</summary>
    void OnRgba(uint value);

    /// <summary>Tag <c>m</c>: 4-byte MIDI message.</summary>
    void OnMidi(OscMidi value);

    /// <summary>Tags <c>T</c> / <c>F</c>.</summary>
    void OnBoolean(bool value);

    /// <summary>Tag <c>N</c>: nil.</summary>
    void OnNil();

    /// <summary>Tag <c>I</c>: infinitum (OSC 1.1 "impulse").</summary>
    void OnInfinitum();

    /// <summary>Tag <c>[</c>: an array starts.</summary>
    void OnArrayStart();

    /// <summary>Tag <c>]</c>: the innermost array ends.</summary>
    void OnArrayEnd();
}
