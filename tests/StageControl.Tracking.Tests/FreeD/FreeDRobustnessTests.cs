// FreeD: mutation fuzz (no exception escapes) and the zero-allocation check (shared/STYLE.md "Tests").
using System.Buffers;
using StageControl.Tests.Shared;
using StageControl.Tracking.FreeD;

namespace StageControl.Tracking.Tests.FreeD;

public sealed class FreeDRobustnessTests
{
    [Fact]
    public void TryRead_100kMutatedDatagrams_NeverThrowsAndChecksumGuards()
    {
        // Arrange
        var rng = new Random(20240601);
        string[] seeds = ["zero_pose_cam1", "broadcast_id_ff", "pose_a", "zcam_style_lens"];
        var packets = seeds.Select(TestVectors.FreeD).ToArray();
        var counts = new Dictionary<OperationStatus, int>();

        // Act
        for (var i = 0; i < 100_000; i++)
        {
            var mutated = Mutator.Mutate(rng, packets[i % packets.Length]);
            var sequence = (i & 1) == 0 ? new ReadOnlySequence<byte>(mutated) : SequenceFactory.SplitAt(mutated, mutated.Length / 2);
            var reader = new SequenceReader<byte>(sequence);
            var status = FreeDReader.TryRead(ref reader, out _, out var error);
            FreeDReader.TryReadDatagram(sequence, out _, out _);
            FreeDReader.TryReadCommand(ref reader, out _, out _);
            counts[status] = counts.GetValueOrDefault(status) + 1;

            // Assert (per packet): Done only for a correct checksum, and nothing consumed unless Done
            if (status == OperationStatus.Done)
            {
                Assert.Equal(mutated[28], Checksum(mutated.AsSpan(0, 28)));
            }
            else
            {
                Assert.Equal(0, reader.Consumed);
                Assert.True(status == OperationStatus.NeedMoreData || error != FreeDError.None);
            }
        }

        // Assert: the fuzz reached every outcome
        Assert.True(counts.GetValueOrDefault(OperationStatus.Done) > 0);
        Assert.True(counts.GetValueOrDefault(OperationStatus.InvalidData) > 0);
        Assert.True(counts.GetValueOrDefault(OperationStatus.NeedMoreData) > 0);
    }

    [Fact]
    public void TryRead_ManyPackets_AllocatesNothing()
    {
        // Arrange
        var packet = TestVectors.FreeD("pose_a");
        var single = new ReadOnlySequence<byte>(packet);
        var split = SequenceFactory.SplitAt(packet, 13);
        Parse(single, split, 10);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = Parse(single, split, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
        Assert.Equal(20_000L * 10 * 32768, sum);
    }

    private static long Parse(ReadOnlySequence<byte> single, ReadOnlySequence<byte> split, int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            var a = new SequenceReader<byte>(single);
            FreeDReader.TryRead(ref a, out var s1, out _);
            var b = new SequenceReader<byte>(split);
            FreeDReader.TryRead(ref b, out var s2, out _);
            sum += s1.PanRaw + s2.PanRaw;
        }

        return sum;
    }

    private static byte Checksum(ReadOnlySpan<byte> body)
    {
        var sum = 0;
        foreach (var b in body)
        {
            sum += b;
        }

        return unchecked((byte)(0x40 - sum));
    }
}
