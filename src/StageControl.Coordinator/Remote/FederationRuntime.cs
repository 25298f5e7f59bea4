using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StageControl.Coordinator.Frames;
using StageControl.Coordinator.Hosting;
using StageControl.Core.ClockSync;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Remote;

/// <summary>
/// One coordinator's part in a shared stage (shared/DESIGN.md "Remote stages"). A coordinator with
/// <see cref="FederationOptions.Join"/> is a secondary: its <see cref="SecondaryLink"/> keeps the link to the primary,
/// measures the offset and disciplines the epoch. Any other coordinator accepts links and becomes the primary when the
/// first arrives: it answers the clock exchange, sends its timebase and D, and relays every site's camera and operator
/// state and annotations to every other site. On both, <see cref="OnCue"/> (the frame loop) sends the local state stamped with the frame
/// and returns the remote cameras due at that frame; garbage from a peer is refused, counted and logged, never thrown.
/// </summary>
internal sealed class FederationRuntime : IRemoteStage
{
    private readonly CoordinatorRuntime _runtime;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RemoteSite> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PeerLink> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sessions = new(StringComparer.Ordinal);
    private readonly long _farFrames;
    private readonly long _staleFrames;
    private RemoteSite[] _siteList = [];
    private PeerLink[] _linkList = [];
    private volatile int _delayFrames;
    private long _delayLowerSince;
    private ulong _sentOperatorVersion = ulong.MaxValue;
    private ulong _sentAnnotationVersion = ulong.MaxValue;
    private readonly long _annotationEveryFrames;
    private long _sentEpoch;
    private long _refused;
    private bool _everLinked;

    public FederationRuntime(CoordinatorRuntime runtime, FederationOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsValidSiteName(options.Site))
        {
            throw new CoordinatorStartException($"site name '{options.Site}' is not 1-64 letters, digits, '.', '_' or '-'");
        }

        if (options.RemoteDelayMinFrames < 0 || options.RemoteDelayMaxFrames < options.RemoteDelayMinFrames)
        {
            throw new CoordinatorStartException(string.Create(CultureInfo.InvariantCulture,
                $"remote delay bounds {options.RemoteDelayMinFrames}..{options.RemoteDelayMaxFrames} frames are not 0 ≤ min ≤ max"));
        }

        _runtime = runtime;
        Options = options;
        _logger = logger;
        Site = options.Site;
        var fps = runtime.Clock.Frames.Rate.FramesPerSecond;
        _farFrames = (long)Math.Ceiling(fps * 5) + options.RemoteDelayMaxFrames;
        _staleFrames = (long)Math.Ceiling(fps);
        _annotationEveryFrames = Math.Max(1, (long)Math.Ceiling(fps * 5));
        _delayFrames = options.RemoteDelayMinFrames;
        _sentEpoch = runtime.Clock.Frames.EpochNs;
        if (options.Join is not null)
        {
            Secondary = new SecondaryLink(this, runtime, options, logger);
        }
    }

    /// <summary>Raised with a one-line description of each link event (lock, step, loss, refusal); keep it short.</summary>
    public event Action<string>? Notice;

    public FederationOptions Options { get; }

    /// <summary>This site's name.</summary>
    public string Site { get; }

    /// <summary>The link to the primary, when this is a secondary.</summary>
    public SecondaryLink? Secondary { get; }

    /// <summary>"standalone", "primary" or "secondary".</summary>
    public string Role => Secondary is not null ? LinkStates.Secondary : _everLinked ? LinkStates.Primary : LinkStates.Standalone;

    /// <summary>D in force: remote state stamped for frame N is shown at frame N + D.</summary>
    public int DelayFrames
    {
        get => _delayFrames;
        set => _delayFrames = Math.Clamp(value, Options.RemoteDelayMinFrames, Options.RemoteDelayMaxFrames);
    }

    /// <summary>Messages refused, all peers.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Frames a stamped frame may be from the local one before it is refused as far off.</summary>
    public long FarFrames => _farFrames;

    /// <summary>The sites known, in no particular order.</summary>
    public IReadOnlyList<RemoteSite> Sites => Volatile.Read(ref _siteList);

    /// <summary>Starts the secondary's link (nothing for a primary).</summary>
    public void Start() => Secondary?.Start();

    /// <summary>Ends every link.</summary>
    public async Task StopAsync()
    {
        if (Secondary is not null)
        {
            await Secondary.StopAsync().ConfigureAwait(false);
        }

        foreach (var link in Volatile.Read(ref _linkList))
        {
            link.End();
        }
    }

    /// <inheritdoc/>
    public CameraState[] OnCue(long frame, CameraState[] local, OperatorState op)
    {
        try
        {
            SendLocal(frame, local, op);
            return AppendRemote(frame, local);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or ObjectDisposedException)
        {
            // Never take the frame loop down for the link's sake.
            FederationLog.Warn(_logger, "frame hook failed: " + e.Message);
            return local;
        }
    }

    /// <summary>Counts and logs a refused message (first of each reason per site, then every power of ten).</summary>
    public void Refuse(RemoteSite? site, string reason, string detail)
    {
        var total = Interlocked.Increment(ref _refused);
        var count = site is null ? total : Interlocked.Increment(ref site.Refused);
        if (FederationTelemetry.Refused.Enabled)
        {
            FederationTelemetry.Refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }

        if (IsPowerOfTen(count))
        {
            Note(LogLevel.Warning, string.Create(CultureInfo.InvariantCulture,
                $"refused a message from {site?.Name ?? "a peer"} ({reason}): {detail} [{count} refused]"));
        }
    }

    /// <summary>Logs a line and raises <see cref="Notice"/>.</summary>
    public void Note(LogLevel level, string text)
    {
        if (level >= LogLevel.Warning)
        {
            FederationLog.Warn(_logger, text);
        }
        else
        {
            FederationLog.Info(_logger, text);
        }

        Notice?.Invoke(text);
    }

    /// <summary>The site entry for <paramref name="name"/>, created with <paramref name="state"/> when new.</summary>
    public RemoteSite SiteEntry(string name, string state)
    {
        lock (_gate)
        {
            if (!_sites.TryGetValue(name, out var site))
            {
                site = new RemoteSite(name, state);
                _sites[name] = site;
                Volatile.Write(ref _siteList, [.. _sites.Values]);
            }

            return site;
        }
    }

    /// <summary>Marks every known site lost (the secondary's link went down).</summary>
    public void MarkAllLost()
    {
        foreach (var site in Sites)
        {
            site.State = LinkStates.Lost;
        }
    }

    /// <summary>The site and frame a state message (cameras, operator, annotations) is stamped with.</summary>
    public static (string Site, long Frame) StampOf(LinkMessage message) => message.KindCase switch
    {
        LinkMessage.KindOneofCase.Cameras => (message.Cameras.Site, message.Cameras.Frame),
        LinkMessage.KindOneofCase.Operator => (message.Operator.Site, message.Operator.Frame),
        LinkMessage.KindOneofCase.Annotations => (message.Annotations.Site, message.Annotations.Frame),
        _ => (string.Empty, 0),
    };

    /// <summary>Stores a site's cameras, operator state or annotations (site and frame validated by the caller); false
    /// when the content is refused (counted and logged).</summary>
    public bool Store(RemoteSite site, LinkMessage message, long now)
    {
        Volatile.Write(ref site.LastSeenTimestamp, now);
        switch (message.KindCase)
        {
            case LinkMessage.KindOneofCase.Cameras:
                site.AddCameras(message.Cameras.Frame, message.Cameras.Cameras);
                return true;
            case LinkMessage.KindOneofCase.Operator:
                site.Operator = message.Operator.State;
                site.LastFrame = Math.Max(site.LastFrame, message.Operator.Frame);
                return true;
            default:
                var notes = message.Annotations;
                if (_runtime.Collaborators.SetRemote(site.Name, notes.Version, notes.Annotations) is { } problem)
                {
                    Refuse(site, "bad annotations", problem);
                    return false;
                }

                return true;
        }
    }

    /// <summary>Whether a stamped frame is near enough the local one to be believed.</summary>
    public bool IsNear(long frame) => Int128.Abs((Int128)frame - LocalFrameNow()) <= _farFrames;

    /// <summary>The frame in progress now on the local clock.</summary>
    public long LocalFrameNow() => _runtime.Clock.Frames.FrameIndexAt(_runtime.Clock.UnixNow());

    // ---- primary side -------------------------------------------------------------------------------------------

    /// <summary>Attaches a secondary's link after its Hello; throws <see cref="RpcException"/> when refused.</summary>
    public PeerLink Attach(SiteHello hello, string address, LinkOutbound outbound)
    {
        if (!IsValidSiteName(hello.Site))
        {
            Refuse(null, "bad hello", $"site name '{Truncate(hello.Site)}' from {address}");
            throw new RpcException(new Status(StatusCode.InvalidArgument, "site name must be 1-64 letters, digits, '.', '_' or '-'"));
        }

        if (string.Equals(hello.Site, Site, StringComparison.Ordinal))
        {
            Refuse(null, "wrong site", $"a peer at {address} calls itself '{hello.Site}', this site's own name");
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"'{hello.Site}' is the primary's own site name"));
        }

        PeerLink? replaced;
        PeerLink link;
        lock (_gate)
        {
            if (_sessions.TryGetValue(hello.Site, out var newest) && hello.Session <= newest && _links.ContainsKey(hello.Site))
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"site '{hello.Site}' is linked with a newer session"));
            }

            _sessions[hello.Site] = hello.Session;
            _links.TryGetValue(hello.Site, out replaced);
            var site = SiteEntry(hello.Site, LinkStates.Linked);
            site.State = LinkStates.Linked;
            site.Address = address;
            site.Version = hello.Version;
            Volatile.Write(ref site.LastSeenTimestamp, _runtime.Clock.Time.GetTimestamp());
            link = new PeerLink(site, hello.Session, outbound);
            _links[hello.Site] = link;
            _linkList = [.. _links.Values];
            _everLinked = true;
        }

        replaced?.End();
        Note(LogLevel.Information, replaced is null
            ? $"site '{hello.Site}' linked from {address} (version {hello.Version})"
            : $"site '{hello.Site}' linked again from {address}; the older link is replaced");
        outbound.Post(new LinkMessage { Hello = new SiteHello { Site = Site, Version = Version, Stage = _runtime.Config.Name } });
        outbound.Post(new LinkMessage { Timebase = CurrentTimebase() });
        return link;
    }

    /// <summary>Detaches a link that ended (unless a newer one replaced it already).</summary>
    public void Detach(PeerLink link, string why)
    {
        bool current;
        lock (_gate)
        {
            current = _links.TryGetValue(link.Site.Name, out var l) && ReferenceEquals(l, link);
            if (current)
            {
                _links.Remove(link.Site.Name);
                _linkList = [.. _links.Values];
                link.Site.State = LinkStates.Lost;
            }
        }

        if (current)
        {
            if (FederationTelemetry.LinksLost.Enabled)
            {
                FederationTelemetry.LinksLost.Add(1);
            }

            Note(LogLevel.Warning, $"site '{link.Site.Name}' unlinked: {why}");
        }
    }

    /// <summary>One message from a secondary; <paramref name="t2"/> is when it was read (primary clock, Unix ns).</summary>
    public void OnFromSecondary(PeerLink link, LinkMessage message, long t2)
    {
        var site = link.Site;
        var now = _runtime.Clock.Time.GetTimestamp();
        Volatile.Write(ref site.LastSeenTimestamp, now);
        switch (message.KindCase)
        {
            case LinkMessage.KindOneofCase.Ping:
                var ping = message.Ping;
                if (ping.T1UnixNs == 0 || !double.IsFinite(ping.OneWayDelayUs) || !double.IsFinite(ping.JitterUs) || ping.OneWayDelayUs < 0 || ping.JitterUs < 0)
                {
                    Refuse(site, "bad message", "ping without T1 or with a negative or non-finite delay");
                    return;
                }

                site.OneWayDelayUs = ping.OneWayDelayUs;
                site.JitterUs = ping.JitterUs;
                link.Outbound.Post(new LinkMessage { Pong = new ClockPong { Seq = ping.Seq, T1UnixNs = ping.T1UnixNs, T2UnixNs = t2 } });
                UpdateDelay(now);
                return;
            case LinkMessage.KindOneofCase.Cameras:
            case LinkMessage.KindOneofCase.Operator:
            case LinkMessage.KindOneofCase.Annotations:
                var (name, frame) = StampOf(message);
                if (!string.Equals(name, site.Name, StringComparison.Ordinal))
                {
                    Refuse(site, "wrong site", $"state for site '{Truncate(name)}' on the link of '{site.Name}'");
                    return;
                }

                if (message.KindCase == LinkMessage.KindOneofCase.Operator && message.Operator.State is null)
                {
                    Refuse(site, "bad message", "operator message without a state");
                    return;
                }

                if (!IsNear(frame))
                {
                    Refuse(site, "frame far off", string.Create(CultureInfo.InvariantCulture, $"frame {frame}, local frame {LocalFrameNow()}"));
                    return;
                }

                if (!Store(site, message, now))
                {
                    return;
                }

                foreach (var other in Volatile.Read(ref _linkList))
                {
                    if (!ReferenceEquals(other, link))
                    {
                        other.Outbound.Post(message);
                    }
                }

                return;
            default:
                Refuse(site, "bad message", $"unexpected {message.KindCase} from a secondary");
                return;
        }
    }

    /// <summary>The primary's timebase and D as sent to secondaries.</summary>
    public Timebase CurrentTimebase()
    {
        var frames = _runtime.Clock.Frames;
        var rate = frames.Rate;
        return new Timebase
        {
            EpochUnixNs = frames.EpochNs,
            Rate = new FrameRate { Numerator = (int)rate.Numerator, Denominator = (int)rate.Denominator },
            DelayFrames = DelayFrames,
        };
    }

    /// <summary>Names of the remote tracked cameras shown now ("site/camera"), in site order: the ones that can be the
    /// live camera. A remote collaborator's virtual camera ("site/virtual/alice") is left out, as a local one is.</summary>
    public IReadOnlyList<string> RemoteCameraNames()
    {
        var names = new List<string>();
        foreach (var site in Sites)
        {
            foreach (var camera in site.LastShown())
            {
                if (!Collaboration.CollaboratorStore.IsAnyVirtualCameraName(camera.Name))
                {
                    names.Add(camera.Name);
                }
            }
        }

        return names;
    }

    // ---- status ---------------------------------------------------------------------------------------------------

    /// <summary>Adds the federation status and the remote cameras (as last shown) to a snapshot.</summary>
    public void AddTo(StatusSnapshot snapshot, long now)
    {
        var status = new FederationStatus
        {
            Role = Role,
            Site = Site,
            DelayFrames = DelayFrames,
            Refused = Refused,
            LinkState = Secondary?.State ?? (_everLinked ? LinkStates.Serving : string.Empty),
        };
        Secondary?.AddTo(status);
        foreach (var site in Sites)
        {
            var seen = Volatile.Read(ref site.LastSeenTimestamp);
            status.Peers.Add(new PeerStatus
            {
                Site = site.Name,
                State = site.State,
                Address = site.Address,
                Version = site.Version,
                OneWayDelayUs = site.OneWayDelayUs,
                JitterUs = site.JitterUs,
                LastSeenMs = seen == 0 ? 0 : _runtime.Clock.ToNs(now - seen) / 1e6,
                LastFrame = site.LastFrame == long.MinValue ? 0 : site.LastFrame,
                Operator = site.Operator,
                Refused = Interlocked.Read(ref site.Refused),
            });
            snapshot.Cameras.Add(site.LastShown());
        }

        snapshot.Federation = status;
    }

    /// <summary>Letters, digits, '.', '_', '-'; 1-64 characters.</summary>
    public static bool IsValidSiteName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>At most 64 characters of a peer's string, for log lines.</summary>
    public static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 64 ? text : text[..64] + "…";

    /// <summary>This software's version, for Hello.</summary>
    public static string Version { get; } = typeof(FederationRuntime).Assembly.GetName().Version?.ToString() ?? "0";

    private static bool IsPowerOfTen(long n)
    {
        while (n >= 10 && n % 10 == 0)
        {
            n /= 10;
        }

        return n == 1;
    }

    private void SendLocal(long frame, CameraState[] local, OperatorState op)
    {
        var links = Volatile.Read(ref _linkList);
        var secondary = Secondary;
        if (links.Length == 0 && (secondary is null || !secondary.IsLocked))
        {
            return;
        }

        var cameras = new SiteCameras { Site = Site, Frame = frame };
        cameras.Cameras.Add(local);
        var message = new LinkMessage { Cameras = cameras };
        LinkMessage? opMessage = null;
        if (op.Version != _sentOperatorVersion || frame % 24 == 0)
        {
            // On change, and about once a second so a site that linked later learns it.
            _sentOperatorVersion = op.Version;
            opMessage = new LinkMessage { Operator = new SiteOperator { Site = Site, Frame = frame, State = op } };
        }

        LinkMessage? notesMessage = null;
        var notes = _runtime.Collaborators.LocalAnnotations;
        if (notes.Version != _sentAnnotationVersion || frame % _annotationEveryFrames == 0)
        {
            // On change, and every few seconds so a site that linked later (or lost a message) learns them.
            _sentAnnotationVersion = notes.Version;
            var siteNotes = new SiteAnnotations { Site = Site, Frame = frame, Version = notes.Version };
            siteNotes.Annotations.Add(notes.Annotations);
            notesMessage = new LinkMessage { Annotations = siteNotes };
        }

        LinkMessage? timebase = null;
        if (links.Length > 0 && _runtime.Clock.Frames.EpochNs != _sentEpoch)
        {
            _sentEpoch = _runtime.Clock.Frames.EpochNs;
            timebase = new LinkMessage { Timebase = CurrentTimebase() };
        }

        foreach (var link in links)
        {
            if (timebase is not null)
            {
                link.Outbound.Post(timebase);
            }

            link.Outbound.Post(message);
            if (opMessage is not null)
            {
                link.Outbound.Post(opMessage);
            }

            if (notesMessage is not null)
            {
                link.Outbound.Post(notesMessage);
            }
        }

        secondary?.PostState(message, opMessage, notesMessage);
    }

    private CameraState[] AppendRemote(long frame, CameraState[] local)
    {
        var sites = Sites;
        if (sites.Count == 0)
        {
            return local;
        }

        var d = DelayFrames;
        var parts = new CameraState[sites.Count][];
        var total = local.Length;
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = sites[i].Select(frame, d, _staleFrames);
            total += parts[i].Length;
        }

        if (total == local.Length)
        {
            return local;
        }

        var all = new CameraState[total];
        local.CopyTo(all, 0);
        var at = local.Length;
        foreach (var part in parts)
        {
            part.CopyTo(all, at);
            at += part.Length;
        }

        return all;
    }

    /// <summary>D from the secondaries' reports: the relay path is the two slowest links (A → primary → B), or the one
    /// link with two sites; margin 3 × their jitter plus 2 ms of processing. Raised at once, lowered after 5 s.</summary>
    private void UpdateDelay(long now)
    {
        double first = 0, second = 0;
        foreach (var link in Volatile.Read(ref _linkList))
        {
            var cost = link.Site.OneWayDelayUs + (3 * link.Site.JitterUs);
            if (cost > first)
            {
                second = first;
                first = cost;
            }
            else if (cost > second)
            {
                second = cost;
            }
        }

        var (num, den) = _runtime.Clock.Frames.PeriodNs;
        var d = PresentationDelay.Frames((long)((first + second) * 1000), 2_000_000, num, den, Options.RemoteDelayMinFrames, Options.RemoteDelayMaxFrames);
        var current = DelayFrames;
        if (d > current || (d < current && _delayLowerSince != 0 && _runtime.Clock.ToNs(now - _delayLowerSince) > 5_000_000_000))
        {
            DelayFrames = d;
            _delayLowerSince = 0;
            var timebase = new LinkMessage { Timebase = CurrentTimebase() };
            foreach (var link in Volatile.Read(ref _linkList))
            {
                link.Outbound.Post(timebase);
            }

            Note(LogLevel.Information, string.Create(CultureInfo.InvariantCulture, $"remote delay D = {d} frames"));
        }
        else if (d < current)
        {
            _delayLowerSince = _delayLowerSince == 0 ? now : _delayLowerSince;
        }
        else
        {
            _delayLowerSince = 0;
        }

        Debug.Assert(DelayFrames >= Options.RemoteDelayMinFrames, "D within bounds");
    }
}
