// The ingest Pipe record [u16 length][i64 timestamp][u16 source][payload] under the segmentation matrix.
using System.Buffers;
using StageControl.Tests.Shared;
using StageControl.Tracking.Ingest;

namespace StageControl.Tracking.Tests.Ingest;

public sealed class IngestRecordTests
{
    private static byte[] Framed(byte[] payload, long timestamp, int source)
    {
        var bytes = new byte[IngestRecord.HeaderLength + payload.Length];
        IngestRecord.WriteHeader(bytes, payload.Length, timestamp, source);
        payload.CopyTo(bytes, IngestRecord.HeaderLength);
        return bytes;
    }

    [Fact]
    public void TryRead_TwoRecords_ReadUnderEverySegmentation()
    {
        // Arrange
        var first = IngestTestData.FreeDPoseA;
        var second = new byte[] { 1, 2, 3 };
        var data = Framed(first, 123456789012, 7).Concat(Framed(second, -5, 65535)).ToArray();

        foreach (var (shape, sequence) in SequenceFactory.All(data))
        {
            var reader = new SequenceReader<byte>(sequence);

            // Act
            var s1 = IngestRecord.TryRead(ref reader, out var t1, out var src1, out var p1);
            var s2 = IngestRecord.TryRead(ref reader, out var t2, out var src2, out var p2);
            var s3 = IngestRecord.TryRead(ref reader, out _, out _, out _);

            // Assert
            Assert.True(s1 == OperationStatus.Done && s2 == OperationStatus.Done, shape);
            Assert.Equal(OperationStatus.NeedMoreData, s3);
            Assert.Equal((123456789012L, 7), (t1, src1));
            Assert.Equal((-5L, 65535), (t2, src2));
            Assert.Equal(first, p1.ToArray());
            Assert.Equal(second, p2.ToArray());
            Assert.True(reader.End, shape);
        }
    }

    [Fact]
    public void TryRead_EveryStrictPrefix_NeedMoreDataConsumesNothing()
    {
        // Arrange
        var data = Framed(IngestTestData.FreeDPoseA, 42, 1);

        for (var n = 0; n < data.Length; n++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(data, 0, n));

            // Act
            var status = IngestRecord.TryRead(ref reader, out _, out _, out _);

            // Assert
            Assert.Equal(OperationStatus.NeedMoreData, status);
            Assert.Equal(0, reader.Consumed);
        }
    }
}
