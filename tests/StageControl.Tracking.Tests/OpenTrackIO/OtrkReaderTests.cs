// OTrk packets: the protocols.md §3.3 worked header, Fletcher-16 variants (§3.4), segmentation matrix, prefixes,
// rejections, and the shared/data examples as JSON and CBOR payloads.
using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using StageControl.Tests.Shared;
using StageControl.Tracking.OpenTrackIO;

namespace StageControl.Tracking.Tests.OpenTrackIO;

public sealed class OtrkReaderTests
{
    // protocols.md §3.3 worked header: 53-byte JSON payload, unsegmented, sequence 1, checksum 0x6BEB.
    internal static readonly byte[] WorkedPayload = Encoding.ASCII.GetBytes("""{"protocol":{"name":"OpenTrackIO","version":[1,0,1]}}""");
    internal static readonly byte[] WorkedHeader = Convert.FromHexString("4f54726b" + "00" + "01" + "0001" + "00000000" + "8035" + "6beb");

    internal static byte[] WorkedDatagram => [.. WorkedHeader, .. WorkedPayload];

    [Fact]
    public void WritePacket_WorkedExample_ProducesGoldenHeader()
    {
        // Arrange
        var buffer = new byte[16 + WorkedPayload.Length];

        // Act
        var written = OtrkWriter.WritePacket(OtrkEncoding.Json, 1, 0, isLastSegment: true, WorkedPayload, buffer);

        // Assert
        Assert.Equal(69, written);
        Assert.Equal(WorkedHeader, buffer[..16]);
    }

    [Fact]
    public void TryReadPacket_WorkedExample_DecodesUnderEverySegmentation()
    {
        // Arrange
        foreach (var (shape, sequence) in SequenceFactory.All(WorkedDatagram))
        {
            var reader = new SequenceReader<byte>(sequence);

            // Act
            var status = OtrkReader.TryReadPacket(ref reader, out var header, out var payload, out var error);

            // Assert
            Assert.True(status == OperationStatus.Done, $"{shape}: {error}");
            Assert.Equal(new OtrkHeader(0, OtrkEncoding.Json, 1, 0, true, 53, 0x6BEB), header);
            Assert.Equal(WorkedPayload, payload.ToArray());
            Assert.True(reader.End);
        }
    }

    [Fact]
    public void TryReadPacket_EveryStrictPrefix_NeedsMoreDataConsumingNothing()
    {
        // Arrange
        var datagram = WorkedDatagram;
        for (var length = 0; length < datagram.Length; length++)
        {
            foreach (var (shape, sequence) in SequenceFactory.All(datagram[..length]))
            {
                var reader = new SequenceReader<byte>(sequence);

                // Act
                var status = OtrkReader.TryReadPacket(ref reader, out _, out _, out _);
                var headerReader = new SequenceReader<byte>(sequence);
                var headerStatus = OtrkReader.TryReadHeader(ref headerReader, out _, out _);

                // Assert
                Assert.True(status == OperationStatus.NeedMoreData, $"prefix {length} {shape}: {status}");
                Assert.Equal(0, reader.Consumed);
                Assert.Equal(length < 16 ? OperationStatus.NeedMoreData : OperationStatus.Done, headerStatus);
            }
        }
    }

    [Theory]
    [InlineData(0x6BEB, false, true)]
    [InlineData(0xE5FE, false, false)]
    [InlineData(0xEB6B, false, false)]
    [InlineData(0xE5FE, true, true)]
    [InlineData(0xEB6B, true, true)]
    [InlineData(0x1234, true, false)]
    public void TryReadDatagram_ChecksumVariant_AcceptedPerPolicy(int checksum, bool acceptLegacy, bool accepted)
    {
        // Arrange: protocols.md §3.4 — 1.0.1 rule 0x6BEB; 1.0.0 variants mod 255 (0xE5FE) and byte-swapped (0xEB6B)
        var datagram = WorkedDatagram;
        datagram[14] = (byte)(checksum >> 8);
        datagram[15] = (byte)checksum;

        // Act
        var status = OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(datagram), out _, out _, out var error, acceptLegacy);

        // Assert
        Assert.Equal(accepted ? OperationStatus.Done : OperationStatus.InvalidData, status);
        Assert.Equal(accepted ? OtrkError.None : OtrkError.ChecksumMismatch, error);
    }

    [Theory]
    [InlineData(0, 0x4E, OtrkError.BadIdentifier)]
    [InlineData(5, 0x00, OtrkError.UnknownEncoding)]
    [InlineData(5, 0x03, OtrkError.UnknownEncoding)]
    [InlineData(20, 0x00, OtrkError.ChecksumMismatch)]
    [InlineData(13, 0x36, OtrkError.LengthMismatch)]
    public void TryReadDatagram_CorruptByte_RejectedWithReason(int index, byte value, OtrkError expected)
    {
        // Arrange
        var datagram = WorkedDatagram;
        datagram[index] = value;

        // Act
        var status = OtrkReader.TryReadDatagram(SequenceFactory.SplitAt(datagram, 9), out _, out var payload, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, expected), (status, error));
        Assert.True(payload.IsEmpty);
    }

    [Fact]
    public void TryReadDatagram_TrailingByte_LengthMismatch()
    {
        // Arrange: a correct packet plus one byte; one packet per datagram
        byte[] datagram = [.. WorkedDatagram, 0x00];

        // Act
        var status = OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(datagram), out _, out _, out var error);

        // Assert
        Assert.Equal((OperationStatus.InvalidData, OtrkError.LengthMismatch), (status, error));
    }

    [Fact]
    public void TryReadHeader_VendorEncoding_Accepted()
    {
        // Arrange: 0x80 and above are vendor-specific (protocols.md §3.3)
        var datagram = WorkedDatagram;
        datagram[5] = 0x80;
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(datagram));

        // Act
        var status = OtrkReader.TryReadHeader(ref reader, out var header, out _);

        // Assert
        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal((OtrkEncoding)0x80, header.Encoding);
        Assert.Equal(16, reader.Consumed);
    }

    public static TheoryData<string> Examples => new()
    {
        "recommended_dynamic_example.json",
        "recommended_static_example.json",
        "complete_dynamic_example.json",
        "complete_static_example.json",
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Decode_ExampleAsJsonAndCbor_GivesTheSameTree(string file)
    {
        // Arrange: shared/data camdkit 1.0.1 examples, sent as JSON and as CBOR (doubles, like cbor2), segmented
        var text = TestVectors.Bytes("opentrackio/" + file);
        var expected = JsonNode.Parse(text);
        foreach (var (encoding, payload) in new[] { (OtrkEncoding.Json, text), (OtrkEncoding.Cbor, CborTestWriter.FromJson(expected)) })
        {
            var reassembler = new OtrkReassembler(TimeSpan.FromSeconds(1));
            OtrkMessage message = default;
            var status = OperationStatus.NeedMoreData;

            // Act
            foreach (var packet in OtrkWriter.Segment(encoding, 65530, payload, maxSegmentPayload: 700))
            {
                Assert.Equal(OperationStatus.Done, OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(packet), out var header, out var body, out _));
                status = reassembler.Add(header, body, TimeSpan.Zero, out message, out _);
            }

            var error = OtrkPayload.TryToJson(message.Encoding, message.Payload, out var json, out _, out _);

            // Assert
            Assert.Equal(OperationStatus.Done, status);
            Assert.Equal((OtrkError.None, (ushort)65530, encoding), (error, message.SequenceNumber, message.Encoding));
            Assert.True(JsonNode.DeepEquals(expected, json), $"{encoding}: {json?.ToJsonString()}");
        }
    }

    [Theory]
    [InlineData(OtrkEncoding.Json, "[1,2]", OtrkError.PayloadNotObject)]
    [InlineData(OtrkEncoding.Json, "{\"a\":", OtrkError.InvalidJson)]
    [InlineData(OtrkEncoding.Json, "{\"a\":1,\"a\":2}", OtrkError.InvalidJson)]
    [InlineData(OtrkEncoding.Cbor, "\u0001", OtrkError.PayloadNotObject)]
    [InlineData(OtrkEncoding.Cbor, "\u00ff", OtrkError.InvalidCbor)]
    [InlineData((OtrkEncoding)0x80, "{}", OtrkError.UnsupportedEncoding)]
    public void TryToJson_BadPayload_RejectedWithReason(OtrkEncoding encoding, string payload, OtrkError expected)
    {
        // Arrange
        var bytes = Encoding.Latin1.GetBytes(payload);

        // Act
        var error = OtrkPayload.TryToJson(encoding, new ReadOnlySequence<byte>(bytes), out var json, out _, out _);

        // Assert
        Assert.Equal(expected, error);
        Assert.Null(json);
    }

    [Fact]
    public void TryToJson_DeeplyNestedJson_RejectedNotThrown()
    {
        // Arrange
        var bytes = Encoding.ASCII.GetBytes("{\"a\":" + new string('[', 100) + new string(']', 100) + "}");

        // Act
        var error = OtrkPayload.TryToJson(OtrkEncoding.Json, new ReadOnlySequence<byte>(bytes), out _, out _, out _);

        // Assert
        Assert.Equal(OtrkError.InvalidJson, error);
    }
}
