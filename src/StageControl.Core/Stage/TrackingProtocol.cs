namespace StageControl.Core.Stage;

/// <summary>Camera tracking protocol (config <c>tracking.protocol</c>): <c>freed</c>, <c>osc</c>, <c>opentrackio</c>.</summary>
public enum TrackingProtocol
{
    /// <summary>FreeD D1 over UDP (shared/notes/protocols.md §1).</summary>
    FreeD,

    /// <summary>Open Sound Control over UDP (§2).</summary>
    Osc,

    /// <summary>SMPTE RIS-OSVP OpenTrackIO over UDP (§3).</summary>
    OpenTrackIO,
}
