// Capture files: write → read round trip, truncation and corruption reported with byte offsets.
using System.Net;
using StageControl.Tracking.Capture;
using StageControl.Tracking.Ingest;

namespace StageControl.Tracking.Tests.Ingest;

public sealed class CaptureFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sctrk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteSample(out byte[][] payloads)
    {
        var path = Path.Combine(_dir, "a.sctrk");
        payloads = [IngestTestData.FreeDPoseA, [1, 2, 3], []];
        using var writer = new CaptureWriter(path, TrackingFormat.FreeD, DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000));
        writer.Write(0, new IPEndPoint(IPAddress.Parse("10.1.2.3"), 6301), payloads[0]);
        writer.Write(1_500_000, new IPEndPoint(IPAddress.IPv6Loopback, 9), payloads[1]);
        writer.Write(2_000_000, new IPEndPoint(IPAddress.Loopback, 65535), payloads[2]);
        Assert.False(File.Exists(path));
        writer.Complete();
        return path;
    }

    [Fact]
    public void TryRead_WrittenCapture_RoundTrips()
    {
        // Arrange
        var path = WriteSample(out var payloads);

        // Act
        var error = CaptureReader.TryRead(File.ReadAllBytes(path), out var format, out var start, out var records, out _, out var message);

        // Assert
        Assert.True(error == CaptureError.None, message);
        Assert.Equal((byte)TrackingFormat.FreeD, format);
        Assert.Equal(1_700_000_000, start.ToUnixTimeSeconds());
        Assert.Equal([0L, 1_500_000L, 2_000_000L], records.Select(r => r.OffsetNanoseconds));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 6301), records[0].Source);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 9), records[1].Source);
        Assert.Equal(payloads, records.Select(r => r.Payload));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void TryRead_CutAtEveryByte_TruncatedAtTheRecordOffset()
    {
        // Arrange: record offsets 24, 24+29+29=82, 82+29+3=114.
        var bytes = File.ReadAllBytes(WriteSample(out _));
        long[] recordStarts = [24, 82, 114];

        for (var n = 24; n < bytes.Length; n++)
        {
            if (Array.IndexOf(recordStarts, (long)n) >= 0)
            {
                continue;
            }

            // Act
            var error = CaptureReader.TryRead(bytes.AsSpan(0, n), out _, out _, out var records, out var offset, out _);

            // Assert
            Assert.Equal(CaptureError.Truncated, error);
            Assert.Equal(recordStarts.Last(s => s < n), offset);
            Assert.Equal(Array.IndexOf(recordStarts, offset), records.Count);
        }
    }

    [Fact]
    public void TryRead_DamagedFields_CorruptWithOffset()
    {
        // Arrange
        var bytes = File.ReadAllBytes(WriteSample(out _));
        var badFamily = (byte[])bytes.Clone();
        badFamily[82 + 8] = 5;
        var backwards = (byte[])bytes.Clone();
        BitConverter.GetBytes(1L).CopyTo(backwards, 114);
        var badMagic = (byte[])bytes.Clone();
        badMagic[0] = (byte)'X';

        // Act / Assert
        Assert.Equal(CaptureError.Corrupt, CaptureReader.TryRead(badFamily, out _, out _, out _, out var o1, out _));
        Assert.Equal(82, o1);
        Assert.Equal(CaptureError.Corrupt, CaptureReader.TryRead(backwards, out _, out _, out _, out var o2, out var m2));
        Assert.Equal(114, o2);
        Assert.Contains("goes back", m2);
        Assert.Equal(CaptureError.BadMagic, CaptureReader.TryRead(badMagic, out _, out _, out _, out _, out _));
    }
}
