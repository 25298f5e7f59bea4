// Segment reassembly rules (OpenTrackIO 1.0.1 transport; protocols.md §3.2–3.3), time passed in.
using System.Buffers;
using StageControl.Tracking.OpenTrackIO;

namespace StageControl.Tracking.Tests.OpenTrackIO;

public sealed class OtrkReassemblerTests
{
    private static readonly byte[] Payload = Enumerable.Range(0, 2500).Select(i => (byte)('a' + (i % 26))).ToArray();

    private static (OtrkHeader Header, ReadOnlySequence<byte> Body)[] Segments(OtrkEncoding encoding = OtrkEncoding.Json, ushort sequence = 10)
        => OtrkWriter.Segment(encoding, sequence, Payload, maxSegmentPayload: 1000)
            .Select(p =>
            {
                OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(p), out var h, out var b, out _);
                return (h, b);
            })
            .ToArray();

    [Fact]
    public void Add_SegmentsInOrder_CompletesOnLast()
    {
        // Arrange
        var segments = Segments();
        var reassembler = new OtrkReassembler(TimeSpan.FromMilliseconds(100));

        // Act
        var s0 = reassembler.Add(segments[0].Header, segments[0].Body, TimeSpan.FromMilliseconds(0), out _, out _);
        var s1 = reassembler.Add(segments[1].Header, segments[1].Body, TimeSpan.FromMilliseconds(1), out _, out _);
        var s2 = reassembler.Add(segments[2].Header, segments[2].Body, TimeSpan.FromMilliseconds(2), out var message, out var error);

        // Assert
        Assert.Equal((OperationStatus.NeedMoreData, OperationStatus.NeedMoreData, OperationStatus.Done), (s0, s1, s2));
        Assert.Equal(OtrkError.None, error);
        Assert.Equal(Payload, message.Payload.ToArray());
        Assert.Equal((ushort)10, message.SequenceNumber);
        Assert.Equal(new[] { 0u, 1000u, 2000u }, segments.Select(s => s.Header.SegmentOffset));
        Assert.Equal(new[] { false, false, true }, segments.Select(s => s.Header.IsLastSegment));
    }

    [Fact]
    public void Add_MiddleSegmentLost_OutOfOrderAndDropped()
    {
        // Arrange
        var segments = Segments();
        var reassembler = new OtrkReassembler(TimeSpan.FromSeconds(1));
        reassembler.Add(segments[0].Header, segments[0].Body, TimeSpan.Zero, out _, out _);

        // Act
        var status = reassembler.Add(segments[2].Header, segments[2].Body, TimeSpan.Zero, out _, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, OtrkError.SegmentOutOfOrder), (status, error));
        Assert.Equal(1, reassembler.DroppedMessages);
    }

    [Fact]
    public void Add_FirstSegmentMissing_MissingSegment()
    {
        // Arrange
        var segments = Segments();
        var reassembler = new OtrkReassembler(TimeSpan.FromSeconds(1));

        // Act
        var status = reassembler.Add(segments[1].Header, segments[1].Body, TimeSpan.Zero, out _, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, OtrkError.MissingSegment), (status, error));
    }

    [Fact]
    public void Add_AfterTimeout_SegmentTimedOut()
    {
        // Arrange
        var segments = Segments();
        var reassembler = new OtrkReassembler(TimeSpan.FromMilliseconds(50));
        reassembler.Add(segments[0].Header, segments[0].Body, TimeSpan.FromMilliseconds(1000), out _, out _);

        // Act
        var inTime = reassembler.Add(segments[1].Header, segments[1].Body, TimeSpan.FromMilliseconds(1050), out _, out _);
        var late = reassembler.Add(segments[2].Header, segments[2].Body, TimeSpan.FromMilliseconds(1051), out _, out var error);

        // Assert
        Assert.Equal(OperationStatus.NeedMoreData, inTime);
        Assert.Equal((OperationStatus.InvalidData, OtrkError.SegmentTimedOut), (late, error));
    }

    [Fact]
    public void Add_DuplicateSegment_IgnoredAndMessageStillCompletes()
    {
        // Arrange: multicast may deliver the same packet twice (OpenTrackIO 1.0.1 transport)
        var segments = Segments();
        var reassembler = new OtrkReassembler(TimeSpan.FromSeconds(1));
        reassembler.Add(segments[0].Header, segments[0].Body, TimeSpan.Zero, out _, out _);

        // Act
        var duplicate = reassembler.Add(segments[0].Header, segments[0].Body, TimeSpan.Zero, out _, out var error);
        reassembler.Add(segments[1].Header, segments[1].Body, TimeSpan.Zero, out _, out _);
        var last = reassembler.Add(segments[2].Header, segments[2].Body, TimeSpan.Zero, out var message, out _);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, OtrkError.DuplicateSegment), (duplicate, error));
        Assert.Equal(OperationStatus.Done, last);
        Assert.Equal(Payload, message.Payload.ToArray());
    }

    [Fact]
    public void Add_EncodingChangesMidMessage_EncodingChanged()
    {
        // Arrange
        var json = Segments(OtrkEncoding.Json);
        var cbor = Segments(OtrkEncoding.Cbor, 11);
        var reassembler = new OtrkReassembler(TimeSpan.FromSeconds(1));
        reassembler.Add(json[0].Header, json[0].Body, TimeSpan.Zero, out _, out _);

        // Act
        var status = reassembler.Add(cbor[1].Header, cbor[1].Body, TimeSpan.Zero, out _, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, OtrkError.EncodingChanged), (status, error));
    }

    [Fact]
    public void Add_LargerThanMaximum_MessageTooLarge()
    {
        // Arrange
        var segments = Segments();
        var reassembler = new OtrkReassembler(TimeSpan.FromSeconds(1), maxMessageLength: 1500);
        reassembler.Add(segments[0].Header, segments[0].Body, TimeSpan.Zero, out _, out _);

        // Act
        var status = reassembler.Add(segments[1].Header, segments[1].Body, TimeSpan.Zero, out _, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, OtrkError.MessageTooLarge), (status, error));
    }

    [Fact]
    public void Add_NewMessageBeforeLastSegment_DropsThePartialOne()
    {
        // Arrange
        var first = Segments(sequence: 10);
        var second = Segments(sequence: 20);
        var reassembler = new OtrkReassembler(TimeSpan.FromSeconds(1));
        reassembler.Add(first[0].Header, first[0].Body, TimeSpan.Zero, out _, out _);
        reassembler.Add(first[1].Header, first[1].Body, TimeSpan.Zero, out _, out _);

        // Act
        OperationStatus status = default;
        OtrkMessage message = default;
        foreach (var (header, body) in second)
        {
            status = reassembler.Add(header, body, TimeSpan.Zero, out message, out _);
        }

        // Assert
        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal((ushort)20, message.SequenceNumber);
        Assert.Equal(1, reassembler.DroppedMessages);
    }
}
