namespace StageControl.Tracking.Osc;

/// <summary>A materialised OSC packet (<see cref="OscMessage"/> or <see cref="OscBundle"/>), for tools and tests.</summary>
public abstract class OscPacket
{
    private protected OscPacket()
    {
    }
}
