namespace StageControl.Tracking.Ingest;

/// <summary>Settings of one <see cref="TrackingIngest"/>.</summary>
public sealed class TrackingIngestOptions
{
    /// <summary>The protocol on this port.</summary>
    public TrackingFormat Format { get; init; } = TrackingFormat.FreeD;

    /// <summary>The FreeD vendor whose zoom/focus encoding to read (FreeD only): vendors that send physical values
    /// (Z-Cam: focal length, focus distance) fill the sample's lens fields; null leaves them unknown.</summary>
    public FreeD.FreeDVendorProfile? FreeDVendor { get; init; }

    /// <summary>The OSC address map (OSC only); <see cref="OscAddressMap.Default"/> when null.</summary>
    public OscAddressMap? OscMap { get; init; }

    /// <summary>Accepted senders; everyone by default.</summary>
    public IpAllowlist Allowlist { get; init; } = IpAllowlist.Any;

    /// <summary>Most distinct senders tracked (rejected ones included).</summary>
    public int MaxSources { get; init; } = 64;

    /// <summary>Largest datagram accepted, bytes (OpenTrackIO segments are at most 16 + 32 767).</summary>
    public int MaxDatagramLength { get; init; } = IngestRecord.MaxPayloadLength;
}
