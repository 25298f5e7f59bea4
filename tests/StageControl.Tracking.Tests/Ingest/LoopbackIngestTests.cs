// The real UDP path: FreeD datagrams over 127.0.0.1 into the ingest; and the OSC listener against liblo's oscsend.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StageControl.Tracking.Ingest;
using StageControl.Tracking.Mapping;

namespace StageControl.Tracking.Tests.Ingest;

public sealed class LoopbackIngestTests
{
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task RunAsync_LoopbackFreeD_ReceivesEveryDatagram()
    {
        // Arrange
        const int Count = 300;
        using var source = new UdpDatagramSource(new IPEndPoint(IPAddress.Loopback, 0));
        var ingest = new TrackingIngest(source, new TrackingIngestOptions { Format = TrackingFormat.FreeD });
        using var cts = new CancellationTokenSource();
        var running = ingest.RunAsync(cts.Token);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var packet = IngestTestData.FreeDPoseA;

        // Act: paced in small bursts so the loopback receive buffer never overflows.
        for (var i = 0; i < Count; i++)
        {
            await sender.SendToAsync(packet, SocketFlags.None, source.LocalEndPoint);
            if (i % 50 == 49)
            {
                await Task.Delay(5);
            }
        }

        await WaitForAsync(() => ingest.Samples >= Count);
        await cts.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(Count, ingest.Datagrams);
        Assert.Equal(Count, ingest.Samples);
        Assert.True(ingest.Latest.TryGetLatest(3, out _, out var version));
        Assert.Equal(Count, version);
        var stats = Assert.Single(ingest.SourceStats());
        Assert.Equal(IPAddress.Loopback, stats.EndPoint.Address);
    }

    [Fact]
    public async Task RunAsync_OscsendPose_DecodedValues()
    {
        // Arrange: liblo-tools' oscsend is installed by tests/prereqs.d/osc.sh; without it this test must fail.
        var oscsend = FindOnPath("oscsend");
        Assert.True(oscsend is not null, "oscsend (Debian liblo-tools) is not installed: run tests/prereqs.d/osc.sh (apt-get install liblo-tools).");
        using var source = new UdpDatagramSource(new IPEndPoint(IPAddress.Loopback, 0));
        var ingest = new TrackingIngest(source, new TrackingIngestOptions { Format = TrackingFormat.Osc });
        using var cts = new CancellationTokenSource();
        var running = ingest.RunAsync(cts.Token);
        var port = source.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Act
        using (var process = Process.Start(new ProcessStartInfo(oscsend!, ["127.0.0.1", port, "/camera/1/pose", "ffffff", "1.5", "-2", "3.25", "45", "-10", "5"])
        {
            RedirectStandardError = true,
        })!)
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(process.ExitCode == 0, "oscsend failed: " + await process.StandardError.ReadToEndAsync());
        }

        await WaitForAsync(() => ingest.Samples >= 1);
        await cts.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert: Z-up (1.5, −2, 3.25) m → stage (1.5, 3.25, 2); angles through PanTiltRoll.
        Assert.True(ingest.Latest.TryGetLatest(1, out var sample, out _), "no sample from oscsend");
        Assert.Equal(1.5, sample.Position.X, 6);
        Assert.Equal(3.25, sample.Position.Y, 6);
        Assert.Equal(2.0, sample.Position.Z, 6);
        var (pan, tilt, roll) = PanTiltRoll.FromOrientation(sample.Orientation);
        Assert.Equal(45.0, pan, 4);
        Assert.Equal(-10.0, tilt, 4);
        Assert.Equal(5.0, roll, 4);
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
