namespace StageControl.Tracking.Osc;

/// <summary>A handler that ignores everything: the validation pass of <see cref="OscReader"/>.</summary>
internal struct NullOscHandler : IOscHandler
{
    public readonly void OnBundleStart(OscTimeTag timeTag)
    {
    }

    public readonly void OnBundleEnd()
    {
    }

    public readonly void OnMessageStart(ReadOnlySpan<byte> address, ReadOnlySpan<byte> typeTags)
    {
    }

    public readonly void OnMessageEnd()
    {
    }

    public readonly void OnInt32(int value)
    {
    }

    public readonly void OnInt64(long value)
    {
    }

    public readonly void OnFloat32(float value)
    {
    }

    public readonly void OnFloat64(double value)
    {
    }

    public readonly void OnString(ReadOnlySpan<byte> value, bool isSymbol)
    {
    }

    public readonly void OnBlob(ReadOnlySpan<byte> value)
    {
    }

    public readonly void OnChar(int value)
    {
    }

    public readonly void OnTimeTag(OscTimeTag value)
    {
    }

    public readonly void OnRgba(uint value)
    {
    }

    public readonly void OnMidi(OscMidi value)
    {
    }

    public readonly void OnBoolean(bool value)
    {
    }

    public readonly void OnNil()
    {
    }

    public readonly void OnInfinitum()
    {
    }

    public readonly void OnArrayStart()
    {
    }

    public readonly void OnArrayEnd()
    {
    }
}
