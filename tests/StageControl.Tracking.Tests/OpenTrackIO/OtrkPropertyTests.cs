// OpenTrackIO encode→decode property: any payload, any segment size, any starting sequence number.
using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using StageControl.Tracking.OpenTrackIO;

namespace StageControl.Tracking.Tests.OpenTrackIO;

public sealed class OtrkPropertyTests
{
    [Fact]
    public void SegmentThenReassemble_AnyPayload_RoundTrips()
    {
        // Arrange
        var gen =
            from length in Gen.Choose(0, 5000)
            from seed in Gen.Choose(0, int.MaxValue)
            from segment in Gen.Choose(1, 2000)
            from sequence in Gen.Choose(0, 0xFFFF)
            from cbor in Gen.Elements(false, true)
            select (length, seed, segment, (ushort)sequence, cbor ? OtrkEncoding.Cbor : OtrkEncoding.Json);

        // Act + Assert
        Prop.ForAll(Arb.From(gen), c =>
        {
            var payload = new byte[c.length];
            new Random(c.seed).NextBytes(payload);
            var reassembler = new OtrkReassembler(TimeSpan.FromSeconds(1));
            var status = OperationStatus.NeedMoreData;
            OtrkMessage message = default;
            var packets = OtrkWriter.Segment(c.Item5, c.Item4, payload, c.segment);
            foreach (var packet in packets)
            {
                if (OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(packet), out var header, out var body, out _) != OperationStatus.Done)
                {
                    return false;
                }

                status = reassembler.Add(header, body, TimeSpan.Zero, out message, out _);
            }

            return status == OperationStatus.Done
                && message.Encoding == c.Item5
                && message.SequenceNumber == c.Item4
                && message.Payload.ToArray().AsSpan().SequenceEqual(payload);
        }).QuickCheckThrowOnFailure();
    }
}
