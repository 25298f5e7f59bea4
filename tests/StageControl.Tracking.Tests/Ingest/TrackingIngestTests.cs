// The ingest on an in-memory datagram source: samples, per-source stats, loss, allowlist, rejects by reason.
using System.Net;
using StageControl.Tests.Shared;
using StageControl.Tracking.Ingest;
using StageControl.Tracking.Mapping;

namespace StageControl.Tracking.Tests.Ingest;

public sealed class TrackingIngestTests
{
    private static async Task<TrackingIngest> RunAsync(TrackingIngestOptions options, Action<FakeDatagramSource> feed)
    {
        using var source = new FakeDatagramSource();
        feed(source);
        source.Complete();
        var ingest = new TrackingIngest(source, options);
        await ingest.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return ingest;
    }

    [Fact]
    public async Task RunAsync_FreeDDatagrams_LatestSamplePerCameraAndStats()
    {
        // Arrange / Act
        var ingest = await RunAsync(new TrackingIngestOptions { Format = TrackingFormat.FreeD }, s =>
        {
            for (var i = 0; i < 5; i++)
            {
                s.Enqueue(IngestTestData.FreeDPoseA);
            }
        });

        // Assert: pose_a is camera 3 at X 1000, Y 2000, Z 1500 mm (Z-up) → stage (1, 1.5, −2) m (math.md §1).
        Assert.True(ingest.Latest.TryGetLatest(3, out var sample, out var version));
        Assert.Equal(5, version);
        Assert.Equal(1.0, sample.Position.X, 9);
        Assert.Equal(1.5, sample.Position.Y, 9);
        Assert.Equal(-2.0, sample.Position.Z, 9);
        var stats = Assert.Single(ingest.SourceStats());
        Assert.Equal(FakeDatagramSource.DefaultSender, stats.EndPoint);
        Assert.Equal(5, stats.Packets);
        Assert.Equal(5, stats.Samples);
        Assert.Empty(stats.Rejects);
    }

    [Fact]
    public async Task RunAsync_FreeDWithZCamVendor_FillsLensFromZoomAndFocus()
    {
        // Arrange: the shared/data "zcam lens" packet — zoom 950 (9.50 mm), focus 12300 (1230.0 mm).
        var packet = Convert.FromHexString("d1010f0000fb00000000000000000000000000000003b600300c511806");
        Assert.True(StageControl.Tracking.FreeD.FreeDVendorProfile.TryGet("zcam", out var zcam));

        // Act
        var withVendor = await RunAsync(new TrackingIngestOptions { Format = TrackingFormat.FreeD, FreeDVendor = zcam }, s => s.Enqueue(packet));
        var without = await RunAsync(new TrackingIngestOptions { Format = TrackingFormat.FreeD }, s => s.Enqueue(packet));

        // Assert
        Assert.True(withVendor.Latest.TryGetLatest(1, out var sample, out _));
        Assert.Equal(9.5, sample.FocalLengthMm, 12);
        Assert.Equal(1.23, sample.FocusDistanceM, 12);
        Assert.Equal(950, sample.ZoomRaw);
        Assert.True(without.Latest.TryGetLatest(1, out var raw, out _));
        Assert.True(double.IsNaN(raw.FocalLengthMm));
    }

    [Fact]
    public async Task RunAsync_InvalidDatagrams_CountedByReasonLoopGoesOn()
    {
        // Arrange / Act
        var ingest = await RunAsync(new TrackingIngestOptions { Format = TrackingFormat.FreeD }, s =>
        {
            s.Enqueue(TestVectors.FreeD("bad_checksum"));
            s.Enqueue(TestVectors.FreeD("truncated_28"));
            s.Enqueue(TestVectors.FreeD("wrong_type_d2"));
            s.Enqueue([]);
            s.Enqueue(IngestTestData.FreeDPoseA);
        });

        // Assert
        Assert.Equal(1, ingest.Rejects(IngestRejectReason.Checksum));
        Assert.Equal(2, ingest.Rejects(IngestRejectReason.Malformed));
        Assert.Equal(1, ingest.Rejects(IngestRejectReason.Empty));
        Assert.Equal(1, ingest.Samples);
        var stats = Assert.Single(ingest.SourceStats());
        Assert.Equal(2, stats.Rejects[IngestRejectReason.Malformed]);
    }

    [Fact]
    public async Task RunAsync_SenderOutsideAllowlist_RejectedAndCounted()
    {
        // Arrange
        Assert.True(IpAllowlist.TryParse(["10.0.0.0/24"], out var allowlist, out _));
        var stranger = new IPEndPoint(IPAddress.Parse("192.168.7.9"), 5000);

        // Act
        var ingest = await RunAsync(new TrackingIngestOptions { Format = TrackingFormat.FreeD, Allowlist = allowlist }, s =>
        {
            s.Enqueue(IngestTestData.FreeDPoseA);
            s.Enqueue(IngestTestData.FreeDPoseA, stranger);
            s.Enqueue(IngestTestData.FreeDPoseA, stranger);
        });

        // Assert
        Assert.Equal(2, ingest.Rejects(IngestRejectReason.NotAllowed));
        Assert.Equal(1, ingest.Samples);
        var strangerStats = Assert.Single(ingest.SourceStats(), x => x.EndPoint.Equals(stranger));
        Assert.Equal(2, strangerStats.Rejects[IngestRejectReason.NotAllowed]);
        Assert.Equal(0, strangerStats.Samples);
    }

    [Fact]
    public async Task RunAsync_OpenTrackIOSequenceGap_CountsLossAndDecodesPose()
    {
        // Arrange: packets 10, 11, 14 (12 and 13 lost), then 0xFFFF → 0 across the wrap after 14 skips 15..65534.
        const string Json = """{"sourceNumber":2,"transforms":[{"translation":{"x":1,"y":2,"z":3},"rotation":{"pan":10,"tilt":0,"roll":0}}],"lens":{"pinholeFocalLength":35,"focusDistance":2.5,"entrancePupilOffset":0.1},"timing":{"sequenceNumber":77}}""";

        // Act
        var ingest = await RunAsync(new TrackingIngestOptions { Format = TrackingFormat.OpenTrackIO }, s =>
        {
            s.Enqueue(IngestTestData.Otrk(10, Json));
            s.Enqueue(IngestTestData.Otrk(11, Json));
            s.Enqueue(IngestTestData.Otrk(14, Json));
        });

        // Assert
        var stats = Assert.Single(ingest.SourceStats());
        Assert.Equal(2, stats.Lost);
        Assert.True(ingest.Latest.TryGetLatest(2, out var sample, out _));
        Assert.Equal(1.0, sample.Position.X, 9);
        Assert.Equal(3.0, sample.Position.Y, 9);
        Assert.Equal(-2.0, sample.Position.Z, 9);
        Assert.Equal((35.0, 2.5, 0.1, 77L), (sample.FocalLengthMm, sample.FocusDistanceM, sample.EntrancePupilOffsetM, sample.Sequence));
        var (pan, tilt, roll) = PanTiltRoll.FromOrientation(sample.Orientation);
        Assert.Equal(10.0, pan, 9);
        Assert.Equal(0.0, tilt, 9);
        Assert.Equal(0.0, roll, 9);
    }

    [Fact]
    public async Task RunAsync_OpenTrackIOStaticOnlyAndBadJson_RejectedByReason()
    {
        // Arrange / Act
        var ingest = await RunAsync(new TrackingIngestOptions { Format = TrackingFormat.OpenTrackIO }, s =>
        {
            s.Enqueue(IngestTestData.Otrk(1, """{"static":{"duration":{"num":1,"denom":1}}}"""));
            s.Enqueue(IngestTestData.Otrk(2, """{"transforms":[{"translation":{"x":"one"}}]}"""));
            s.Enqueue(IngestTestData.Otrk(3, "{not json"));
            var bad = IngestTestData.Otrk(4, "{}");
            bad[^1] ^= 0xFF;
            s.Enqueue(bad);
        });

        // Assert
        Assert.Equal(1, ingest.Rejects(IngestRejectReason.NoPose));
        Assert.Equal(2, ingest.Rejects(IngestRejectReason.Payload));
        Assert.Equal(1, ingest.Rejects(IngestRejectReason.Checksum));
        Assert.Equal(0, ingest.Samples);
    }

    [Fact]
    public async Task RunAsync_OscDefaultMap_PoseFocalAndFocusPerCamera()
    {
        // Arrange / Act
        var ingest = await RunAsync(new TrackingIngestOptions { Format = TrackingFormat.Osc }, s =>
        {
            s.Enqueue(IngestTestData.OscFloats("/camera/4/pose", 1, 2, 3, 90, 0, 0));
            s.Enqueue(IngestTestData.OscFloats("/camera/4/focalLength", 50));
            s.Enqueue(IngestTestData.OscFloats("/camera/4/focus", 3));
            s.Enqueue(IngestTestData.OscFloats("/unmapped/address", 1));
            s.Enqueue(IngestTestData.OscFloats("/camera/4/pose", 1, 2));
        });

        // Assert
        Assert.True(ingest.Latest.TryGetLatest(4, out var sample, out var version));
        Assert.Equal(3, version);
        Assert.Equal((1.0, 3.0, -2.0), (sample.Position.X, sample.Position.Y, sample.Position.Z));
        Assert.Equal((50.0, 3.0), (sample.FocalLengthMm, sample.FocusDistanceM));
        Assert.Equal(90.0, PanTiltRoll.FromOrientation(sample.Orientation).PanDeg, 4);
        Assert.Equal(1, ingest.Rejects(IngestRejectReason.NoPose));
        Assert.Equal(1, ingest.Rejects(IngestRejectReason.Payload));
    }

    [Fact]
    public async Task RunAsync_OscVrChatPreset_UnityAxesMapped()
    {
        // Arrange: Unity position (1, 2, 3) → stage (1, 2, −3); yaw 30° → pan 30°.
        Assert.True(OscAddressMap.TryGetPreset("vrchat", out var map));

        // Act
        var ingest = await RunAsync(new TrackingIngestOptions { Format = TrackingFormat.Osc, OscMap = map }, s =>
        {
            s.Enqueue(IngestTestData.OscFloats("/tracking/trackers/2/position", 1, 2, 3));
            s.Enqueue(IngestTestData.OscFloats("/tracking/trackers/2/rotation", 0, 30, 0));
        });

        // Assert
        Assert.True(ingest.Latest.TryGetLatest(2, out var sample, out _));
        Assert.Equal((1.0, 2.0, -3.0), (sample.Position.X, sample.Position.Y, sample.Position.Z));
        Assert.Equal(30.0, PanTiltRoll.FromOrientation(sample.Orientation).PanDeg, 4);
    }
}
