namespace StageControl.Tracking.Ingest;

/// <summary>The wire protocol an ingest port carries (one protocol per port).</summary>
public enum TrackingFormat
{
    /// <summary>FreeD D1 (protocols.md §1).</summary>
    FreeD = 1,

    /// <summary>OSC 1.0/1.1 through an <see cref="OscAddressMap"/> (protocols.md §2).</summary>
    Osc = 2,

    /// <summary>OpenTrackIO 1.0.1 (protocols.md §3).</summary>
    OpenTrackIO = 3,
}
