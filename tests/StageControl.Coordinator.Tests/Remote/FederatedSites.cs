// Two or three coordinators on loopback forming one shared stage: a primary and secondaries whose clocks are shifted
// (ShiftedTimeProvider), linked directly or through a LinkEmulator each. Offsets and frame agreement are computed
// from the hosts' epochs against the injected (true) shifts.
using System.Net;
using StageControl.Coordinator.Simulation;
using StageControl.Core.Timing;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.Tests.Remote;

internal sealed class FederatedSites : IAsyncDisposable
{
    private FederatedSites(CoordinatorHost primary, TimeSpan primaryShift)
    {
        Primary = primary;
        PrimaryShift = primaryShift;
    }

    public CoordinatorHost Primary { get; }

    public TimeSpan PrimaryShift { get; }

    public List<(CoordinatorHost Host, TimeSpan Shift, LinkEmulator? Link)> Secondaries { get; } = [];

    public List<string> Notices { get; } = [];

    public static async Task<FederatedSites> StartAsync(TimeSpan primaryShift, TimeSpan[] secondaryShifts, LinkConditions? conditions = null, Action<FederationOptionsBuilder>? tune = null)
    {
        var primary = await StartHostAsync(primaryShift, new FederationOptions { Site = "hq" });
        var sites = new FederatedSites(primary, primaryShift);
        primary.FederationNotice += sites.Record("hq");
        for (var i = 0; i < secondaryShifts.Length; i++)
        {
            LinkEmulator? link = null;
            var join = primary.GrpcUri;
            if (conditions is not null)
            {
                link = new LinkEmulator(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, primary.GrpcUri.Port), conditions, seed: 11 + i);
                link.Start();
                join = new Uri($"http://127.0.0.1:{link.LocalEndPoint.Port}");
            }

            var builder = new FederationOptionsBuilder { Site = "site" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Join = join };
            tune?.Invoke(builder);
            var host = await StartHostAsync(secondaryShifts[i], builder.Build());
            host.FederationNotice += sites.Record(builder.Site);
            sites.Secondaries.Add((host, secondaryShifts[i], link));
        }

        return sites;
    }

    /// <summary>Applied offset error of secondary <paramref name="i"/>, ns: (E_p − E_s) − (shift_p − shift_s).</summary>
    public long OffsetErrorNs(int i)
    {
        var (host, shift, _) = Secondaries[i];
        var applied = Primary.EpochUnixNs - host.EpochUnixNs;
        var truth = (PrimaryShift - shift).Ticks * 100;
        return applied - truth;
    }

    /// <summary>The frame index each site gives the same true instant, taken half a frame after a primary boundary
    /// (so an offset error under half a frame cannot change it).</summary>
    public long[] FramesAtMidFrame()
    {
        var rate = Primary.Config.FrameRate;
        var nowTrue = CoordinatorClockNowTrue();
        var primaryNow = nowTrue + (PrimaryShift.Ticks * 100);
        var n = FrameClock.FrameIndexAt(primaryNow, Primary.EpochUnixNs, rate);
        var mid = FrameClock.FrameStartNs(n, Primary.EpochUnixNs, rate) + ((long)(1e9 * rate.Denominator / rate.Numerator) / 2);
        var trueMid = mid - (PrimaryShift.Ticks * 100);
        var frames = new long[Secondaries.Count + 1];
        frames[0] = FrameClock.FrameIndexAt(trueMid + (PrimaryShift.Ticks * 100), Primary.EpochUnixNs, rate);
        for (var i = 0; i < Secondaries.Count; i++)
        {
            var (host, shift, _) = Secondaries[i];
            frames[i + 1] = FrameClock.FrameIndexAt(trueMid + (shift.Ticks * 100), host.EpochUnixNs, rate);
        }

        return frames;
    }

    public FederationStatus Status(int i) => (i < 0 ? Primary : Secondaries[i].Host).GetStatus().Federation;

    public Task UntilLockedAsync(int i) => TestStage.Until(() => Status(i).LinkState == "locked", $"site{i + 1} is locked");

    public async Task UntilAllLockedAsync()
    {
        for (var i = 0; i < Secondaries.Count; i++)
        {
            await UntilLockedAsync(i);
        }
    }

    public string NoticesText()
    {
        lock (Notices)
        {
            return string.Join(Environment.NewLine, Notices);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (host, _, link) in Secondaries)
        {
            await host.DisposeAsync();
            if (link is not null)
            {
                await link.DisposeAsync();
            }
        }

        await Primary.DisposeAsync();
    }

    private static long CoordinatorClockNowTrue() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static Task<CoordinatorHost> StartHostAsync(TimeSpan shift, FederationOptions federation) =>
        CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = TestStage.Demo(),
            Grpc = new IPEndPoint(IPAddress.Loopback, 0),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
            TimeProvider = new ShiftedTimeProvider(shift),
            Federation = federation,
        });

    private Action<string> Record(string site) => text =>
    {
        lock (Notices)
        {
            Notices.Add(site + ": " + text);
        }
    };

    internal sealed class FederationOptionsBuilder
    {
        public string Site { get; set; } = "site";

        public Uri? Join { get; set; }

        public string? Token { get; set; }

        public TimeSpan LinkTimeout { get; set; } = TimeSpan.FromSeconds(1);

        public FederationOptions Build() => new() { Site = Site, Join = Join, Token = Token, LinkTimeout = LinkTimeout };
    }
}
