using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Coordinator;
using StageControl.Coordinator.Simulation;
using StageControl.Core.Stage;
using StageControl.Core.Timing;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl bench federation --sites N --delay D --jitter J --loss P --duration T [--config FILE] [--json]</c>: N
/// coordinators in this process on 127.0.0.1, one primary and N − 1 secondaries whose clocks are shifted (+137 ms,
/// −250 ms, +42 ms, …), each secondary linked through its own <see cref="LinkEmulator"/> (one-way delay D ± J uniform,
/// P % of chunks one fast retransmission — a round trip plus 10 ms — late). After every secondary has locked and a
/// warm-up of min(10 s, T/6) (the offset average settling after the first lock; not counted), every 100 ms for T: each
/// secondary's applied offset error against the injected shift, and whether every site gives the same index to the
/// same instant taken half a frame into a primary frame. In the middle of the run every link is cut for
/// min(10 s, T/4); resyncMs is the time from the restore until every secondary is locked again. Last line with
/// <c>--json</c>: <c>{"offsetErrorP99Us","frameDisagreements","resyncMs"}</c>.
/// </summary>
internal static class BenchFederationCommand
{
    private static readonly TimeSpan[] s_shifts =
    [
        TimeSpan.FromMilliseconds(137), TimeSpan.FromMilliseconds(-250), TimeSpan.FromMilliseconds(42),
        TimeSpan.FromMilliseconds(-1234), TimeSpan.FromMilliseconds(3000), TimeSpan.FromMilliseconds(-7),
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var sites = new Option<int>("--sites") { Description = "Sites, the primary included (2-7).", DefaultValueFactory = _ => 3 };
        var delay = new Option<string>("--delay") { Description = "One-way delay of each link (e.g. 40ms).", DefaultValueFactory = _ => "40ms" };
        var jitter = new Option<string>("--jitter") { Description = "Uniform jitter ± of each chunk (e.g. 5ms; 0 for none).", DefaultValueFactory = _ => "5ms" };
        var loss = new Option<double>("--loss") { Description = "Percent of chunks that arrive one fast retransmission (a round trip + 10 ms) late.", DefaultValueFactory = _ => 1 };
        var duration = new Option<string>("--duration") { Description = "How long to measure after every site locked (e.g. 60s).", DefaultValueFactory = _ => "60s" };
        var config = new Option<string?>("--config") { Description = "Stage config (default: the embedded demo volume)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on one line." };
        var command = new Command("federation", "Linked coordinators over emulated WAN links on 127.0.0.1: offset error, frame agreement, resync after a cut.");
        foreach (var option in new Option[] { sites, delay, jitter, loss, duration, config, json })
        {
            command.Options.Add(option);
        }

        io.SetAction(command, parse =>
        {
            var n = parse.GetValue(sites);
            if (n is < 2 or > 7)
            {
                throw new CliUsageException("--sites must be 2-7.");
            }

            var l = parse.GetValue(loss);
            if (!(l >= 0 && l <= 100))
            {
                throw new CliUsageException("--loss must be a percentage 0-100.");
            }

            var conditions = new LinkConditions(NonNegative(parse.GetValue(delay)!, "--delay"), NonNegative(parse.GetValue(jitter)!, "--jitter"), l);
            var d = DurationText.Parse(parse.GetValue(duration)!, "--duration");
            var stage = LoadStage(parse.GetValue(config));
            var (p99, disagreements, resyncMs) = RunAsync(io, stage, n, conditions, d).GetAwaiter().GetResult();
            var result = new JsonObject
            {
                ["offsetErrorP99Us"] = Math.Round(p99, 1),
                ["frameDisagreements"] = disagreements,
                ["resyncMs"] = Math.Round(resyncMs, 1),
            };
            if (parse.GetValue(json))
            {
                io.WriteJson(result);
            }
            else
            {
                io.Out.WriteLine(FormattableString.Invariant($"offset error p99 {p99:F1} µs, {disagreements} frame disagreements, re-locked {resyncMs:F0} ms after the cut"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static TimeSpan NonNegative(string text, string option) =>
        text.Trim() is "0" or "0ms" or "0s" ? TimeSpan.Zero : DurationText.Parse(text, option);

    private static StageConfig LoadStage(string? path)
    {
        StageConfigResult result;
        if (path is null)
        {
            result = StageConfigLoader.Parse(DemoCommand.EmbeddedConfigText()
                ?? throw new CliInputException("--config: this stagectl was built without the embedded demo config; give --config FILE"));
        }
        else
        {
            result = StageConfigLoader.LoadFile(path);
        }

        if (!result.IsValid)
        {
            throw new CliInputException($"--config {path}: {result.Problems[0].Format(path ?? "demo-volume.json")}");
        }

        return result.Config!;
    }

    private static async Task<(double P99Us, long Disagreements, double ResyncMs)> RunAsync(CliIo io, StageConfig stage, int count, LinkConditions conditions, TimeSpan duration)
    {
        ProcessTuning.ForFrameTiming(minThreads: 32, sustainedLowLatencyGc: false);
        using var scope = new CancelScope(null);
        var token = scope.Token;
        var hosts = new List<(CoordinatorHost Host, TimeSpan Shift)>();
        var links = new List<LinkEmulator>();
        try
        {
            var primary = await Start(stage, TimeSpan.Zero, new FederationOptions { Site = "hq" }).ConfigureAwait(false);
            hosts.Add((primary, TimeSpan.Zero));
            for (var i = 1; i < count; i++)
            {
                var link = new LinkEmulator(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, primary.GrpcUri.Port), conditions, seed: 100 + i);
                link.Start();
                links.Add(link);
                var shift = s_shifts[(i - 1) % s_shifts.Length];
                var site = "site" + i.ToString(CultureInfo.InvariantCulture);
                var host = await Start(stage, shift, new FederationOptions { Site = site, Join = new Uri($"http://127.0.0.1:{link.LocalEndPoint.Port}") }).ConfigureAwait(false);
                hosts.Add((host, shift));
            }

            if (!await UntilAllLocked(hosts, TimeSpan.FromSeconds(30), token).ConfigureAwait(false))
            {
                throw new CliInputException("bench federation: the secondaries did not lock within 30 s.");
            }

            await Task.Delay(TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, duration.Ticks / 6)), token).ConfigureAwait(false);
            var cutAt = duration / 2;
            var cutFor = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, duration.Ticks / 4));
            var errors = new List<double>();
            long disagreements = 0;
            double resyncMs = 0;
            var clock = Stopwatch.StartNew();
            var cut = false;
            var cutDone = false;
            long restoredAt = 0;
            while (clock.Elapsed < duration && !token.IsCancellationRequested)
            {
                if (!cut && !cutDone && clock.Elapsed >= cutAt)
                {
                    links.ForEach(l => l.Cut());
                    cut = true;
                    io.Error.WriteLine(FormattableString.Invariant($"bench federation: cutting every link for {cutFor.TotalSeconds:F0} s"));
                }
                else if (cut && clock.Elapsed >= cutAt + cutFor)
                {
                    links.ForEach(l => l.Restore());
                    cut = false;
                    cutDone = true;
                    restoredAt = Stopwatch.GetTimestamp();
                }

                if (restoredAt != 0 && resyncMs == 0 && AllLocked(hosts))
                {
                    resyncMs = Stopwatch.GetElapsedTime(restoredAt).TotalMilliseconds;
                }

                Sample(hosts, errors, ref disagreements);
                await Task.Delay(100, token).ConfigureAwait(false);
            }

            if (restoredAt != 0 && resyncMs == 0)
            {
                // Not yet at the end of the run: wait for it, bounded.
                await UntilAllLocked(hosts, TimeSpan.FromSeconds(30), token).ConfigureAwait(false);
                resyncMs = Stopwatch.GetElapsedTime(restoredAt).TotalMilliseconds;
            }

            errors.Sort();
            var p99 = errors.Count == 0 ? 0 : errors[Math.Min(errors.Count - 1, (int)Math.Ceiling(errors.Count * 0.99) - 1)];
            return (p99, disagreements, resyncMs);
        }
        catch (OperationCanceledException)
        {
            return (0, 0, 0);
        }
        finally
        {
            foreach (var (host, _) in hosts)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var link in links)
            {
                await link.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One sample: each secondary's |applied − true offset| in µs, and whether all sites name the same frame
    /// half a frame into the primary's current one.</summary>
    private static void Sample(List<(CoordinatorHost Host, TimeSpan Shift)> hosts, List<double> errors, ref long disagreements)
    {
        var (primary, primaryShift) = hosts[0];
        var rate = primary.Config.FrameRate;
        var epoch = primary.EpochUnixNs;
        var primaryNow = UnixNs(DateTimeOffset.UtcNow) + (primaryShift.Ticks * 100);
        var n = FrameClock.FrameIndexAt(primaryNow, epoch, rate);
        var half = (FrameClock.FrameStartNs(n + 1, epoch, rate) - FrameClock.FrameStartNs(n, epoch, rate)) / 2;
        var trueMid = FrameClock.FrameStartNs(n, epoch, rate) + half - (primaryShift.Ticks * 100);
        var disagree = false;
        for (var i = 1; i < hosts.Count; i++)
        {
            var (host, shift) = hosts[i];
            var truth = (primaryShift - shift).Ticks * 100;
            errors.Add(Math.Abs((epoch - host.EpochUnixNs) - truth) / 1000.0);
            disagree |= FrameClock.FrameIndexAt(trueMid + (shift.Ticks * 100), host.EpochUnixNs, rate) != n;
        }

        if (disagree)
        {
            disagreements++;
        }
    }

    private static long UnixNs(DateTimeOffset instant) => (instant - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static bool AllLocked(List<(CoordinatorHost Host, TimeSpan Shift)> hosts)
    {
        for (var i = 1; i < hosts.Count; i++)
        {
            if (hosts[i].Host.GetStatus().Federation.LinkState != "locked")
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> UntilAllLocked(List<(CoordinatorHost Host, TimeSpan Shift)> hosts, TimeSpan timeout, CancellationToken token)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!AllLocked(hosts))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(10, token).ConfigureAwait(false);
        }

        return true;
    }

    private static Task<CoordinatorHost> Start(StageConfig stage, TimeSpan shift, FederationOptions federation) =>
        CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = stage,
            Grpc = new IPEndPoint(IPAddress.Loopback, 0),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
            TimeProvider = new ShiftedTimeProvider(shift),
            Federation = federation,
        });
}
