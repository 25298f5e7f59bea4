namespace StageControl.Tracking.Osc;

/// <summary>A materialised OSC bundle.</summary>
/// <param name="timeTag">The bundle's timetag.</param>
/// <param name="elements">Messages and nested bundles in order.</param>
public sealed class OscBundle(OscTimeTag timeTag, IReadOnlyList<OscPacket> elements) : OscPacket
{
    /// <summary>The bundle's timetag.</summary>
    public OscTimeTag TimeTag { get; } = timeTag;

    /// <summary>Messages and nested bundles in order.</summary>
    public IReadOnlyList<OscPacket> Elements { get; } = elements;
}
