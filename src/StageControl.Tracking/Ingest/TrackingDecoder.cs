using System.Buffers;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// Turns one datagram into zero or more samples, on the reader loop (synchronous, single-threaded). Implementations
/// never throw for bad input: they return the reason instead.
/// </summary>
internal abstract class TrackingDecoder
{
    /// <summary>The format name used as a metric tag.</summary>
    public abstract string FormatName { get; }

    /// <summary>Decodes <paramref name="datagram"/> from source <paramref name="sourceIndex"/> that arrived at <paramref name="timestamp"/>.</summary>
    public abstract IngestRejectReason Decode(ReadOnlySequence<byte> datagram, long timestamp, int sourceIndex, SourceTable sources, ISampleSink sink);

    /// <summary>The decoder for a format.</summary>
    public static TrackingDecoder Create(TrackingFormat format, OscAddressMap? oscMap, FreeD.FreeDVendorProfile? freeDVendor = null) => format switch
    {
        TrackingFormat.FreeD => new FreeDDecoder(freeDVendor),
        TrackingFormat.Osc => new OscDecoder(oscMap ?? OscAddressMap.Default),
        TrackingFormat.OpenTrackIO => new OtrkDecoder(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
