using System.Buffers;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Mapping;

namespace StageControl.Tracking.Ingest;

/// <summary>FreeD D1 datagrams → samples through <see cref="FreeDMapping.ToSample"/>; with a vendor profile that sends
/// physical lens values (<see cref="FreeDVendorProfile.Read"/>), those fill the sample's lens fields. Allocates nothing.</summary>
internal sealed class FreeDDecoder(FreeDVendorProfile? vendor = null) : TrackingDecoder
{
    /// <inheritdoc/>
    public override string FormatName => "freed";

    /// <inheritdoc/>
    public override IngestRejectReason Decode(ReadOnlySequence<byte> datagram, long timestamp, int sourceIndex, SourceTable sources, ISampleSink sink)
    {
        if (datagram.IsEmpty)
        {
            return IngestRejectReason.Empty;
        }

        if (FreeDReader.TryReadDatagram(datagram, out var d1, out var error) != System.Buffers.OperationStatus.Done)
        {
            return error == FreeDError.ChecksumMismatch ? IngestRejectReason.Checksum : IngestRejectReason.Malformed;
        }

        var sample = FreeDMapping.ToSample(d1, timestamp);
        if (vendor is not null)
        {
            var lens = vendor.Read(d1);
            sample = sample with { FocalLengthMm = lens.FocalLengthMm, FocusDistanceM = lens.FocusDistanceM };
        }

        sink.OnSample(sample, sourceIndex);
        return IngestRejectReason.None;
    }
}
