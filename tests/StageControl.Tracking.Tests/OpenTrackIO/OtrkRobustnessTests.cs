// OpenTrackIO: mutation fuzz over datagrams (with and without a repaired checksum, so payloads are reached)
// and the zero-allocation check for header + checksum + reassembly.
using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json.Nodes;
using StageControl.Tests.Shared;
using StageControl.Tracking.OpenTrackIO;

namespace StageControl.Tracking.Tests.OpenTrackIO;

public sealed class OtrkRobustnessTests
{
    [Fact]
    public void Decode_100kMutatedDatagrams_NeverThrows()
    {
        // Arrange
        var rng = new Random(55555);
        var example = JsonNode.Parse(TestVectors.Bytes("opentrackio/recommended_dynamic_example.json"));
        var seeds = new List<byte[]> { OtrkReaderTests.WorkedDatagram };
        seeds.AddRange(OtrkWriter.Segment(OtrkEncoding.Cbor, 7, CborTestWriter.FromJson(example), 400));
        seeds.AddRange(OtrkWriter.Segment(OtrkEncoding.Json, 9, TestVectors.Bytes("opentrackio/recommended_dynamic_example.json"), 500));
        var reassembler = new OtrkReassembler(TimeSpan.FromMilliseconds(5));
        var outcomes = new HashSet<OtrkError>();

        // Act
        for (var i = 0; i < 100_000; i++)
        {
            var mutated = Mutator.Mutate(rng, seeds[i % seeds.Count]);
            if ((i & 1) == 0 && mutated.Length >= 16)
            {
                // Repair the checksum over whatever is there, so the reassembler and the payload readers see noise.
                var sum = Fletcher(mutated.AsSpan(0, 14), mutated.AsSpan(16));
                BinaryPrimitives.WriteUInt16BigEndian(mutated.AsSpan(14), sum);
            }

            var sequence = (i % 3) == 0 ? SequenceFactory.SplitAt(mutated, mutated.Length / 2) : new ReadOnlySequence<byte>(mutated);
            var status = OtrkReader.TryReadDatagram(sequence, out var header, out var payload, out var error, acceptLegacyChecksums: (i & 2) == 0);
            outcomes.Add(error);
            if (status != OperationStatus.Done)
            {
                // Assert (per datagram): every rejection names a reason
                Assert.NotEqual(OtrkError.None, error);
                continue;
            }

            status = reassembler.Add(header, payload, TimeSpan.FromMilliseconds(i), out var message, out error);
            outcomes.Add(error);
            if (status == OperationStatus.Done)
            {
                error = OtrkPayload.TryToJson(message.Encoding, message.Payload, out var json, out _, out _);
                outcomes.Add(error);
                Assert.Equal(error == OtrkError.None, json is not null);
            }
        }

        // Assert: the fuzz reached the checksum, the reassembler and the payload decoders
        Assert.Contains(OtrkError.ChecksumMismatch, outcomes);
        Assert.Contains(OtrkError.None, outcomes);
        Assert.True(outcomes.Count >= 6, string.Join(",", outcomes));
    }

    [Fact]
    public void ReadAndReassemble_ManyDatagrams_AllocatesNothing()
    {
        // Arrange: one unsegmented datagram and a three-segment message
        var single = new ReadOnlySequence<byte>(OtrkReaderTests.WorkedDatagram);
        var segments = OtrkWriter.Segment(OtrkEncoding.Json, 100, new byte[3000], 1200).Select(p => new ReadOnlySequence<byte>(p)).ToArray();
        var reassembler = new OtrkReassembler(TimeSpan.FromSeconds(1));
        Run(single, segments, reassembler, 10);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = Run(single, segments, reassembler, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
        Assert.Equal(10_000L * (53 + 3000), bytes);
    }

    private static long Run(ReadOnlySequence<byte> single, ReadOnlySequence<byte>[] segments, OtrkReassembler reassembler, int n)
    {
        long total = 0;
        for (var i = 0; i < n; i++)
        {
            var reader = new SequenceReader<byte>(single);
            OtrkReader.TryReadPacket(ref reader, out var h, out var p, out _);
            reassembler.Add(h, p, TimeSpan.Zero, out var m, out _);
            total += m.Payload.Length;
            foreach (var segment in segments)
            {
                OtrkReader.TryReadDatagram(segment, out h, out p, out _);
                if (reassembler.Add(h, p, TimeSpan.Zero, out m, out _) == OperationStatus.Done)
                {
                    total += m.Payload.Length;
                }
            }
        }

        return total;
    }

    // The 1.0.1 rule written out independently of the product code (protocols.md §3.4).
    private static ushort Fletcher(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        int s1 = 0, s2 = 0;
        foreach (var b in header)
        {
            s1 = (s1 + b) & 0xFF;
            s2 = (s2 + s1) & 0xFF;
        }

        foreach (var b in payload)
        {
            s1 = (s1 + b) & 0xFF;
            s2 = (s2 + s1) & 0xFF;
        }

        return (ushort)((s2 << 8) | s1);
    }
}
