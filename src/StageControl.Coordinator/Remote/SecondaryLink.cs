using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using StageControl.Coordinator.Hosting;
using StageControl.Core.ClockSync;
using FrameRate = StageControl.Core.Timing.FrameRate;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Remote;

/// <summary>
/// A secondary's link to the primary (shared/DESIGN.md "Remote stages"), kept up for the life of the coordinator:
/// <list type="bullet">
/// <item>Connect: a fresh channel per attempt (a half-dead HTTP/2 connection after a cut must not be reused), TCP
/// connect timeout <see cref="FederationOptions.ConnectTimeout"/>, Hello with a new session, the primary's Hello and
/// Timebase expected within connect timeout + link timeout; attempts follow each other after
/// <see cref="FederationOptions.RetryDelay"/>, so a path that comes back is found within a few hundred ms.</item>
/// <item>Clock: pings at <see cref="FederationOptions.PingInterval"/> (every 10 ms during the first second, which the
/// first lock gathers, and for the first four of each later link, to re-lock fast); each pong
/// is an NTP sample (math.md §4.1) fed to the 8-stage minimum-delay <see cref="ClockFilter"/> (error bound, jitter) and
/// to the <see cref="OffsetAverager"/> (the offset applied).</item>
/// <item>Epoch: local epoch = primary epoch − offset (math.md §5). The first lock adopts it (step) together with the
/// primary's rate; afterwards a change under one frame is slewed (<see cref="FederationOptions.MaxSlewPerSecond"/>) so
/// no local frame jumps, a larger one is stepped, counted and logged.</item>
/// <item>Loss: no message for <see cref="FederationOptions.LinkTimeout"/>, or the call ends → "lost": the site keeps
/// running on its own clock with the epoch it had; remote cameras turn stale. On return it re-locks (a resync,
/// counted, with the time it took logged) once three new samples are in.</item>
/// </list>
/// </summary>
internal sealed class SecondaryLink
{
    private const int SamplesToLock = 3;
    private const long MaxRoundTripNs = 10_000_000_000;

    /// <summary>How long the first lock gathers samples.</summary>
    private static readonly TimeSpan s_acquisition = TimeSpan.FromSeconds(1);

    private readonly FederationRuntime _federation;
    private readonly CoordinatorRuntime _runtime;
    private readonly FederationOptions _options;
    private readonly ILogger _logger;
    private readonly Uri _primary;
    private readonly Lock _syncGate = new();
    private readonly ClockFilter _filter = new();
    private readonly OffsetAverager _averager;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private volatile string _state = LinkStates.Connecting;
    private volatile LinkOutbound? _outbound;
    private RemoteSite? _primarySite;
    private ulong _seq;
    private ulong _lastPongSeq;
    private long? _primaryEpoch;
    private FrameRate? _primaryRate;
    private bool _everLocked;
    private int _samplesThisLink;
    private long _lastDisciplineNs;
    private long _linkUpTimestamp;
    private long _resyncs;
    private long _steps;

    public SecondaryLink(FederationRuntime federation, CoordinatorRuntime runtime, FederationOptions options, ILogger logger)
    {
        _federation = federation;
        _runtime = runtime;
        _options = options;
        _logger = logger;
        _primary = options.Join!;
        _averager = new OffsetAverager(options.OffsetWindow);
    }

    /// <summary>"connecting", "syncing", "locked" or "lost".</summary>
    public string State => _state;

    /// <summary>True while locked: frame indices are the shared ones.</summary>
    public bool IsLocked => _state == LinkStates.Locked;

    /// <summary>Re-locks after a lost link.</summary>
    public long Resyncs => Interlocked.Read(ref _resyncs);

    /// <summary>Epoch steps after the first lock.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>The offset the epoch applies now (primary minus this site), ns; null before the first lock.</summary>
    public long? AppliedOffsetNs
    {
        get
        {
            lock (_syncGate)
            {
                return _everLocked && _primaryEpoch is { } e ? e - _runtime.Clock.Frames.EpochNs : null;
            }
        }
    }

    public void Start() => _running = Task.Run(() => RunAsync(_stop.Token));

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            await _running.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    /// <summary>Sends this site's state to the primary while locked (frame loop).</summary>
    public void PostState(LinkMessage cameras, LinkMessage? op, LinkMessage? annotations)
    {
        if (_outbound is { } outbound && IsLocked)
        {
            outbound.Post(cameras);
            if (op is not null)
            {
                outbound.Post(op);
            }

            if (annotations is not null)
            {
                outbound.Post(annotations);
            }
        }
    }

    /// <summary>The link's part of status.</summary>
    public void AddTo(FederationStatus status)
    {
        status.Primary = _primary.ToString();
        var now = _runtime.Clock.UnixNow();
        lock (_syncGate)
        {
            if (_everLocked && _primaryEpoch is { } e)
            {
                status.OffsetUs = (e - _runtime.Clock.Frames.EpochNs) / 1000.0;
            }

            if (_filter.Current is { } estimate)
            {
                status.ErrorBoundUs = estimate.ErrorBoundNs(now) / 1000.0;
                status.JitterUs = estimate.JitterNs / 1000.0;
                status.RoundTripUs = estimate.DelayNs / 1000.0;
            }
        }

        status.Resyncs = Resyncs;
        status.Steps = Steps;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            string why;
            try
            {
                why = await LinkOnceAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                why = stop.IsCancellationRequested ? "stopping" : string.Create(CultureInfo.InvariantCulture, $"silent for {_options.LinkTimeout.TotalMilliseconds:F0} ms");
            }
            catch (RpcException e)
            {
                why = $"{e.StatusCode}: {e.Status.Detail}";
            }
            catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException or ObjectDisposedException)
            {
                why = e.Message;
            }

            OnLinkDown(why);
            try
            {
                await Task.Delay(_options.RetryDelay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One attempt: connect, Hello, then read until the link dies. Returns why it ended.</summary>
    private async Task<string> LinkOnceAsync(CancellationToken stop)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = _options.ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        using var channel = RpcChannel.ForAddress(_primary, new RpcChannelOptions { HttpHandler = handler });
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(_options.Token))
        {
            headers.Add("authorization", "Bearer " + _options.Token);
        }

        using var call = new Protos.V1.Federation.FederationClient(channel.CreateCallInvoker()).Link(new CallOptions(headers, CancellationToken: attempt.Token));
        var outbound = new LinkOutbound(_runtime.Clock);
        outbound.Post(new LinkMessage
        {
            Hello = new SiteHello { Site = _federation.Site, Version = FederationRuntime.Version, Stage = _runtime.Config.Name, Session = _runtime.Clock.UnixNow() },
        });
        var writing = WriteAsync(outbound, call.RequestStream, attempt.Token);
        Task? pinging = null;
        try
        {
            attempt.CancelAfter(_options.ConnectTimeout + _options.LinkTimeout);
            if (!await call.ResponseStream.MoveNext(attempt.Token).ConfigureAwait(false))
            {
                return "the primary ended the link: " + call.GetStatus().Detail;
            }

            var first = call.ResponseStream.Current;
            if (first.KindCase != LinkMessage.KindOneofCase.Hello || !FederationRuntime.IsValidSiteName(first.Hello.Site)
                || string.Equals(first.Hello.Site, _federation.Site, StringComparison.Ordinal))
            {
                _federation.Refuse(null, "bad hello", $"the primary's first message was {first.KindCase} '{FederationRuntime.Truncate(first.Hello?.Site)}'");
                return "the primary did not say Hello with a valid site name of its own";
            }

            var site = _federation.SiteEntry(first.Hello.Site, LinkStates.Linked);
            site.Address = _primary.GetLeftPart(UriPartial.Authority);
            site.Version = first.Hello.Version;
            site.State = LinkStates.Linked;
            Volatile.Write(ref site.LastSeenTimestamp, _runtime.Clock.Time.GetTimestamp());
            lock (_syncGate)
            {
                _primarySite = site;
                _samplesThisLink = 0;
                _linkUpTimestamp = _runtime.Clock.Time.GetTimestamp();
                _state = LinkStates.Syncing;
            }

            _outbound = outbound;
            _federation.Note(LogLevel.Information, $"linked to primary '{site.Name}' at {site.Address}");
            pinging = PingAsync(outbound, attempt.Token);
            while (true)
            {
                attempt.CancelAfter(_options.LinkTimeout);
                if (!await call.ResponseStream.MoveNext(attempt.Token).ConfigureAwait(false))
                {
                    return "the primary ended the link: " + call.GetStatus().Detail;
                }

                OnFromPrimary(call.ResponseStream.Current, _runtime.Clock.UnixNow());
            }
        }
        finally
        {
            _outbound = null;
            outbound.Complete();
            await attempt.CancelAsync().ConfigureAwait(false);
            await Quietly(writing).ConfigureAwait(false);
            if (pinging is not null)
            {
                await Quietly(pinging).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteAsync(LinkOutbound outbound, IClientStreamWriter<LinkMessage> writer, CancellationToken token)
    {
        await outbound.RunAsync(writer, token).ConfigureAwait(false);
        await writer.CompleteAsync().ConfigureAwait(false);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or HttpRequestException or InvalidOperationException or ObjectDisposedException)
        {
            // The attempt is over; its end was already reported.
        }
    }

    private async Task PingAsync(LinkOutbound outbound, CancellationToken token)
    {
        for (var i = 0; !token.IsCancellationRequested; i++)
        {
            ClockPing ping;
            lock (_syncGate)
            {
                var (oneWay, jitter) = LinkDelays();
                ping = new ClockPing { Seq = ++_seq, OneWayDelayUs = oneWay, JitterUs = jitter };
            }

            outbound.Post(new LinkMessage { Ping = ping });

            // Acquisition: until the first lock, and for the first few pings of each link, every 10 ms.
            var fast = i < 4 || !Volatile.Read(ref _everLocked);
            await Task.Delay(fast ? TimeSpan.FromMilliseconds(10) : _options.PingInterval, token).ConfigureAwait(false);
        }
    }

    /// <summary>One-way delay (median round trip of the filter's samples / 2) and its jitter (half the spread of the
    /// round trips without the highest and lowest, / 2), µs, for the primary's choice of D. Robust on purpose: one
    /// retransmitted chunk (a round trip late) must not raise D for everyone.</summary>
    private (double OneWayUs, double JitterUs) LinkDelays()
    {
        Span<long> delays = stackalloc long[ClockFilter.Stages];
        var n = _filter.CopyDelays(delays);
        if (n == 0)
        {
            return (0, 0);
        }

        delays = delays[..n];
        delays.Sort();
        var median = delays[n / 2];
        var spread = n >= 4 ? delays[n - 2] - delays[1] : delays[n - 1] - delays[0];
        return (median / 2000.0, spread / 4000.0);
    }

    private void OnFromPrimary(LinkMessage message, long t4)
    {
        var site = _primarySite;
        if (site is not null)
        {
            Volatile.Write(ref site.LastSeenTimestamp, _runtime.Clock.Time.GetTimestamp());
        }

        switch (message.KindCase)
        {
            case LinkMessage.KindOneofCase.Pong:
                OnPong(message.Pong, t4, site);
                return;
            case LinkMessage.KindOneofCase.Timebase:
                var tb = message.Timebase;
                if (tb.Rate is null || !FrameRate.IsValid(tb.Rate.Numerator, tb.Rate.Denominator, out _) || tb.DelayFrames < 0)
                {
                    _federation.Refuse(site, "bad message", "timebase without a valid rate or with a negative D");
                    return;
                }

                lock (_syncGate)
                {
                    _primaryEpoch = tb.EpochUnixNs;
                    _primaryRate = new FrameRate(tb.Rate.Numerator, tb.Rate.Denominator);
                }

                _federation.DelayFrames = tb.DelayFrames;
                return;
            case LinkMessage.KindOneofCase.Cameras:
            case LinkMessage.KindOneofCase.Operator:
            case LinkMessage.KindOneofCase.Annotations:
                OnState(message, site);
                return;
            default:
                _federation.Refuse(site, "bad message", $"unexpected {message.KindCase} from the primary");
                return;
        }
    }

    private void OnState(LinkMessage message, RemoteSite? primarySite)
    {
        var (name, frame) = FederationRuntime.StampOf(message);
        if (!FederationRuntime.IsValidSiteName(name) || string.Equals(name, _federation.Site, StringComparison.Ordinal))
        {
            _federation.Refuse(primarySite, "wrong site", $"state for site '{FederationRuntime.Truncate(name)}'");
            return;
        }

        if (message.KindCase == LinkMessage.KindOneofCase.Operator && message.Operator.State is null)
        {
            _federation.Refuse(primarySite, "bad message", "operator message without a state");
            return;
        }

        if (!IsLocked)
        {
            // Frame indices are not the shared ones yet: nothing to compare them with.
            return;
        }

        if (!_federation.IsNear(frame))
        {
            _federation.Refuse(primarySite, "frame far off", string.Create(CultureInfo.InvariantCulture, $"frame {frame} for site '{name}', local frame {_federation.LocalFrameNow()}"));
            return;
        }

        var isPrimary = primarySite is not null && string.Equals(name, primarySite.Name, StringComparison.Ordinal);
        var site = isPrimary ? primarySite! : _federation.SiteEntry(name, LinkStates.Relayed);
        if (!isPrimary)
        {
            site.State = LinkStates.Relayed;
        }

        _federation.Store(site, message, _runtime.Clock.Time.GetTimestamp());
    }

    private void OnPong(ClockPong pong, long t4, RemoteSite? site)
    {
        var sample = new NtpSample(pong.T1UnixNs, pong.T2UnixNs, pong.T3UnixNs, t4);
        lock (_syncGate)
        {
            if (pong.Seq == 0 || pong.Seq > _seq || pong.Seq <= _lastPongSeq)
            {
                _federation.Refuse(site, "bad message", string.Create(CultureInfo.InvariantCulture, $"pong {pong.Seq} answers no ping in flight"));
                return;
            }

            _lastPongSeq = pong.Seq;
            if (!sample.IsPlausible || sample.DelayNs > MaxRoundTripNs || sample.T1 > t4)
            {
                _federation.Refuse(site, "implausible timestamps", string.Create(CultureInfo.InvariantCulture, $"T1..T4 {sample.T1} {sample.T2} {sample.T3} {sample.T4}"));
                return;
            }

            _filter.Add(sample, precisionNs: 1000);
            _averager.Add(sample);
            _samplesThisLink++;
            if (FederationTelemetry.RoundTrip.Enabled)
            {
                FederationTelemetry.RoundTrip.Record(sample.DelayNs / 1000.0);
            }

            Discipline(t4);
        }
    }

    /// <summary>Moves the epoch toward primary epoch − offset (under the sync gate).</summary>
    private void Discipline(long now)
    {
        if (_primaryEpoch is not { } primaryEpoch || _primaryRate is not { } rate || _samplesThisLink < SamplesToLock
            || !_averager.TryGetOffset(now, out var offset))
        {
            return;
        }

        if (!_everLocked && _runtime.Clock.Time.GetElapsedTime(_linkUpTimestamp) < s_acquisition)
        {
            // The first lock steps the epoch: gather a second of samples (every 10 ms) so the step lands close.
            return;
        }

        var frames = _runtime.Clock.Frames;
        var target = primaryEpoch - offset;
        var bound = _filter.Current is { } estimate ? estimate.ErrorBoundNs(now) : 0;
        if (FederationTelemetry.ErrorBound.Enabled)
        {
            FederationTelemetry.ErrorBound.Record(bound / 1000.0);
        }

        if (!_everLocked)
        {
            frames.Adopt(target, rate);
            _everLocked = true;
            _lastDisciplineNs = now;
            _state = LinkStates.Locked;
            _federation.Note(LogLevel.Information, string.Create(CultureInfo.InvariantCulture,
                $"locked to the primary: offset {offset / 1000.0:F0} µs (error bound {bound / 1000.0:F0} µs), epoch and rate {rate} adopted, D = {_federation.DelayFrames} frames"));
            return;
        }

        if (!rate.Equals(frames.Rate))
        {
            frames.Adopt(target, rate);
            CountStep(string.Create(CultureInfo.InvariantCulture, $"the primary's rate changed to {rate}"));
        }
        else
        {
            // A long gap (a cut) must not turn into one big slew: at most a few ping intervals' worth at once.
            var elapsed = Math.Min(now - _lastDisciplineNs, 200_000_000);
            var before = frames.EpochNs;
            var next = EpochSlew.Next(before, target, elapsed, _options.MaxSlewPerSecond.Ticks * 100, (long)frames.PeriodNsApprox, out var adjustment);
            frames.EpochNs = next;
            if (adjustment == EpochAdjustment.Stepped)
            {
                CountStep(string.Create(CultureInfo.InvariantCulture, $"offset changed by {(next - before) / 1e6:F3} ms, a frame or more"));
            }
        }

        _lastDisciplineNs = now;
        if (_state != LinkStates.Locked)
        {
            _state = LinkStates.Locked;
            Interlocked.Increment(ref _resyncs);
            if (FederationTelemetry.Resyncs.Enabled)
            {
                FederationTelemetry.Resyncs.Add(1);
            }

            var ms = _runtime.Clock.ToNs(_runtime.Clock.Time.GetTimestamp() - _linkUpTimestamp) / 1e6;
            _federation.Note(LogLevel.Information, string.Create(CultureInfo.InvariantCulture,
                $"re-locked to the primary {ms:F0} ms after the link came back: offset {(primaryEpoch - frames.EpochNs) / 1000.0:F0} µs"));
        }
    }

    private void CountStep(string why)
    {
        Interlocked.Increment(ref _steps);
        if (FederationTelemetry.Steps.Enabled)
        {
            FederationTelemetry.Steps.Add(1);
        }

        _federation.Note(LogLevel.Warning, "stepped the epoch: " + why);
    }

    private void OnLinkDown(string why)
    {
        string was;
        lock (_syncGate)
        {
            was = _state;
            _state = _everLocked ? LinkStates.Lost : LinkStates.Connecting;
        }

        if (was is LinkStates.Syncing or LinkStates.Locked)
        {
            _federation.MarkAllLost();
            if (FederationTelemetry.LinksLost.Enabled)
            {
                FederationTelemetry.LinksLost.Add(1);
            }

            _federation.Note(LogLevel.Warning, $"link to the primary lost ({why}); running on the local clock");
        }
    }
}
