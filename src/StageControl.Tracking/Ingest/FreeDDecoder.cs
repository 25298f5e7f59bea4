using System.Buffers;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Mapping;

namespace StageControl.Tracking.Ingest;

/// <summary>FreeD D1 datagrams → samples through <see cref="FreeDMapping.ToSample"/>. Allocates nothing.</summary>
internal sealed class FreeDDecoder : TrackingDecoder
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

        sink.OnSample(FreeDMapping.ToSample(d1, timestamp), sourceIndex);
        return IngestRejectReason.None;
    }
}
