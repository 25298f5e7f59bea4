using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Threading.Channels;
using Polly;
using Polly.Retry;
using StageControl.Node.Internal;
using StageControl.Node.Output;
using StageControl.Protos.V1;
using StageControl.Render;
using StageControl.Render.Scenes;
using StageControl.Rpc;

namespace StageControl.Node;

/// <summary>
/// A render node (shared/DESIGN.md "The frame cycle"): connects to the coordinator over its own
/// <see cref="RpcChannel"/>, sends Join{name, version, renderer, gpu, pid, host}, builds its renderer from the
/// Assignment's panels (corners and pixel sizes: the node needs only the coordinator's URL), then per FrameCue renders
/// the newest cue (latest wins; replaced cues are counted as skipped) and answers FrameReady{frame, render_us,
/// readback_us, cue_to_ready_us}. Present{N} of the frame it rendered counts as presented and hands the frame to the
/// outputs (<see cref="NodeRuntimeOptions.OutputDirectory"/>, <see cref="NodeRuntimeOptions.RawPath"/>), which write it
/// on their own task; a Present of another frame counts as a present without frame. Heartbeat and NodeStats go out
/// every <see cref="NodeRuntimeOptions.StatsInterval"/>, and live panel previews for the dashboard (PanelPreview: one
/// panel at a time, round-robin, each panel at most once per <see cref="NodeRuntimeOptions.LivePreviewInterval"/>, within
/// <see cref="NodeRuntimeOptions.LivePreviewBytesPerSecond"/>) after rendered frames.
/// <para>
/// When the coordinator cannot be reached, or the session's stream dies, the node reconnects with exponential backoff
/// and jitter (Polly; <see cref="NodeRuntimeOptions.ReconnectMinDelay"/> … <see cref="NodeRuntimeOptions.ReconnectMaxDelay"/>,
/// forever) and joins again; when the new assignment has the same panels the renderer (its GL context) is kept.
/// Refusals that retrying cannot fix (unknown name, bad token) end <see cref="RunAsync"/> with
/// <see cref="NodeJoinRefusedException"/>; Shutdown ends it with <see cref="NodeExitReason.Shutdown"/>, after the node has
/// ended its request stream (the coordinator waits for that before it stops its server).
/// </para>
/// </summary>
public sealed class NodeRuntime : IAsyncDisposable
{
    /// <summary>How long a node that got Shutdown waits for its queued messages and the end of its request stream.</summary>
    private static readonly TimeSpan s_shutdownWriteGrace = TimeSpan.FromSeconds(1);

    private static readonly string s_version =
        typeof(NodeRuntime).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    private readonly NodeRuntimeOptions _options;
    private readonly FrameStatsWindow _window = new();
    private readonly NodeOutputWriter? _output;
    private readonly LivePreviewSender? _previews;
    private StageRenderer? _renderer;
    private RendererInfo? _info;
    private volatile Assignment? _assignment;
    private volatile Assignment? _changedAssignment;
    private volatile Channel<NodeMessage>? _outbox;
    private long _lastRendered = long.MinValue;
    private long _framesRendered;
    private long _framesPresented;
    private long _cuesSkipped;
    private long _presentsWithoutFrame;
    private long _reconnects;
    private long _sessions;
    private int _renderersCreated;
    private long _lastTickTimestamp;
    private long _lastTickRendered;
    private long _lastTickPresented;
    private int _disposed;

    /// <summary>A node with these options (nothing starts until <see cref="StartGraphics"/> or <see cref="RunAsync"/>).</summary>
    public NodeRuntime(NodeRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Coordinator);
        ArgumentException.ThrowIfNullOrEmpty(options.Name);
        ArgumentOutOfRangeException.ThrowIfNegative(options.SnapshotEvery);
        if (options.PngInterval <= TimeSpan.Zero || options.StatsInterval <= TimeSpan.Zero ||
            options.LivePreviewInterval <= TimeSpan.Zero || options.LivePreviewBytesPerSecond < 1 ||
            options.ReconnectMinDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            throw new ArgumentException("PngInterval, StatsInterval, LivePreviewInterval and LivePreviewBytesPerSecond must be positive, and 0 < ReconnectMinDelay <= ReconnectMaxDelay.", nameof(options));
        }

        _options = options;
        if (options.LivePreviews)
        {
            _previews = new LivePreviewSender(options);
        }

        if (NodeOutputWriter.IsWanted(options))
        {
            _output = new NodeOutputWriter(options, Log);
        }
    }

    /// <summary>The node's name.</summary>
    public string Name => _options.Name;

    /// <summary>What the renderer runs on (after <see cref="StartGraphics"/>).</summary>
    public RendererInfo? RendererInfo => _info;

    /// <summary>The assignment of the current (or last) session.</summary>
    public Assignment? Assignment => _assignment;

    /// <summary>True while a session is open.</summary>
    public bool Connected => _outbox is not null;

    /// <summary>Sessions opened (joins accepted).</summary>
    public long Sessions => Interlocked.Read(ref _sessions);

    /// <summary>Renderers (GL contexts with the assignment's panels) created; the start-up probe is not counted.</summary>
    public int RenderersCreated => Volatile.Read(ref _renderersCreated);

    /// <summary>Live panel previews sent on sessions so far.</summary>
    public long PreviewsSent => _previews?.Sent ?? 0;

    /// <summary>The frame of the last render.</summary>
    public long LastRenderedFrame => Interlocked.Read(ref _lastRendered);

    /// <summary>Totals so far (interval fields are those of the last stats tick).</summary>
    public NodeStatsSnapshot Totals => new()
    {
        Node = Name,
        Connected = Connected,
        FramesRendered = Interlocked.Read(ref _framesRendered),
        FramesPresented = Interlocked.Read(ref _framesPresented),
        CuesSkipped = Interlocked.Read(ref _cuesSkipped),
        PresentsWithoutFrame = Interlocked.Read(ref _presentsWithoutFrame),
        OutputsDropped = _output?.Dropped ?? 0,
        OutputsWritten = _output?.Written ?? 0,
        Reconnects = Interlocked.Read(ref _reconnects),
    };

    /// <summary>
    /// Starts EGL/GL once to learn the renderer (for Join and the start-up log line) and enforces
    /// <see cref="NodeRuntimeOptions.RequireGpu"/>. Throws <see cref="GraphicsException"/> when rendering is not
    /// available or a GPU was required and the renderer is a software one (the message names it).
    /// </summary>
    public RendererInfo StartGraphics()
    {
        if (_info is not null)
        {
            return _info;
        }

        using var probe = StageRenderer.Create([], CreateScene(), RenderOptionsFor());
        _info = probe.Info;
        Log($"renderer: {_info}");
        return _info;
    }

    /// <summary>
    /// Joins and serves frames until cancelled (<see cref="NodeExitReason.Cancelled"/>) or the coordinator sends Shutdown
    /// (<see cref="NodeExitReason.Shutdown"/>); reconnects on its own in between.
    /// </summary>
    public async Task<NodeExitReason> RunAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        StartGraphics();
        using var stopTicker = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _lastTickTimestamp = Stopwatch.GetTimestamp();
        var ticker = Task.Run(() => TickAsync(stopTicker.Token), CancellationToken.None);
        var retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TransientConnectException>(),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.ReconnectMinDelay,
            MaxDelay = _options.ReconnectMaxDelay,
            MaxRetryAttempts = int.MaxValue,
            OnRetry = args =>
            {
                NodeTelemetry.ConnectFailures.Add(1);
                Log(string.Create(CultureInfo.InvariantCulture,
                    $"coordinator {_options.Coordinator} not reachable ({args.Outcome.Exception?.Message}); retrying in {args.RetryDelay.TotalSeconds:F1} s (attempt {args.AttemptNumber + 2})"));
                return default;
            },
        }).Build();
        try
        {
            while (true)
            {
                Session session;
                try
                {
                    session = await retry.ExecuteAsync(ConnectAsync, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return NodeExitReason.Cancelled;
                }

                var end = await RunSessionAsync(session, cancellationToken).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    return NodeExitReason.Cancelled;
                }

                if (end.Shutdown && !_options.ReconnectAfterShutdown)
                {
                    Log($"coordinator sent Shutdown ({end.Reason}); stopping");
                    return NodeExitReason.Shutdown;
                }

                Log($"session ended: {end.Reason}; reconnecting");
            }
        }
        finally
        {
            await stopTicker.CancelAsync().ConfigureAwait(false);
            await ticker.ConfigureAwait(false);
        }
    }

    /// <summary>Stops the outputs (finishing the frame being written) and releases the renderer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_output is not null)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }

        _renderer?.Dispose();
        _renderer = null;
    }

    private void Log(string line) => _options.Log?.Invoke(line);

    private IScene CreateScene() => _options.SceneFactory?.Invoke() ?? new DefaultScene();

    private RenderOptions RenderOptionsFor() => new() { RequireGpu = _options.RequireGpu };

    /// <summary>One connection attempt: channel, call, Join, Assignment. Transient failures are retried by the caller.</summary>
    private async ValueTask<Session> ConnectAsync(CancellationToken cancellationToken)
    {
        var channel = RpcChannel.ForAddress(_options.Coordinator);
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        AsyncDuplexStreamingCall<NodeMessage, CoordinatorMessage>? call = null;
        Task? joinWrite = null;
        try
        {
            Metadata? headers = null;
            if (!string.IsNullOrEmpty(_options.Token))
            {
                headers = new Metadata { { "authorization", "Bearer " + _options.Token } };
            }

            call = new NodeSession.NodeSessionClient(channel.CreateCallInvoker()).Session(new CallOptions(headers, CancellationToken: cts.Token));
            var info = _info!;

            // Read while the Join is written: when the connection cannot be made, the write waits for a request stream
            // that never opens, whereas the read fails at once with UNAVAILABLE (disposing the call ends the write).
            joinWrite = call.RequestStream.WriteAsync(new NodeMessage
            {
                Join = new Join
                {
                    Name = _options.Name,
                    Version = s_version,
                    Renderer = info.Renderer,
                    Gpu = !info.IsSoftware,
                    Pid = Environment.ProcessId,
                    Host = Environment.MachineName,
                },
            });
            if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                throw Classify(new RpcException(call.GetStatus()));
            }

            await joinWrite.ConfigureAwait(false);

            var first = call.ResponseStream.Current;
            if (first.KindCase != CoordinatorMessage.KindOneofCase.Assignment)
            {
                throw new TransientConnectException($"the coordinator's first message was {first.KindCase}, not Assignment");
            }

            return new Session(channel, call, cts, first.Assignment);
        }
        catch (Exception e)
        {
            call?.Dispose();
            if (joinWrite is not null)
            {
                // Ended by the dispose; observe it.
                _ = joinWrite.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            channel.Dispose();
            cts.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            throw e switch
            {
                RpcException rpc => Classify(rpc),
                TransientConnectException => e,
                HttpRequestException or IOException or InvalidOperationException or OperationCanceledException => new TransientConnectException(e.Message, e),
                _ => e,
            };
        }
    }

    private Exception Classify(RpcException e)
    {
        var code = e.StatusCode;
        if (code is StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Unimplemented)
        {
            return new NodeJoinRefusedException($"the coordinator {_options.Coordinator} refused node '{_options.Name}': {code}: {e.Status.Detail}", e)
            {
                StatusCode = code,
            };
        }

        return new TransientConnectException($"{code}: {e.Status.Detail}", e);
    }

    private async Task<SessionEnd> RunSessionAsync(Session session, CancellationToken cancellationToken)
    {
        using (session)
        {
            var assignment = session.Assignment;
            var sessions = Interlocked.Increment(ref _sessions);
            if (sessions > 1)
            {
                Interlocked.Increment(ref _reconnects);
                NodeTelemetry.Reconnects.Add(1);
            }

            EnsureRenderer(assignment);
            _assignment = assignment;
            _changedAssignment = null;
            Log(string.Create(CultureInfo.InvariantCulture,
                $"joined stage '{assignment.StageName}' at {_options.Coordinator} as {assignment.Node}: {assignment.Panels.Count} panels, {assignment.Rate?.Numerator}/{assignment.Rate?.Denominator} fps, first frame {assignment.FirstFrame}{(sessions > 1 ? " (reconnect)" : string.Empty)}"));

            var outbox = Channel.CreateUnbounded<NodeMessage>(new UnboundedChannelOptions { SingleReader = true });
            using var cues = new LatestCue();
            var token = session.Cancellation.Token;
            _outbox = outbox;
            var writing = Task.Run(() => WriteAsync(session, outbox, token), CancellationToken.None);
            var rendering = Task.Run(() => RenderLoopAsync(cues, outbox, token), CancellationToken.None);
            var end = new SessionEnd(false, "cancelled");
            try
            {
                end = await ReadAsync(session, cues, token).ConfigureAwait(false);
            }
            finally
            {
                _outbox = null;
                outbox.Writer.TryComplete();
                if (end.Shutdown)
                {
                    // The writer sends what is queued and then ends the request stream: the coordinator waits for that
                    // (bounded) before it stops its server. Bounded here too, for a coordinator that stopped reading.
                    await writing.WaitAsync(s_shutdownWriteGrace, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                await session.Cancellation.CancelAsync().ConfigureAwait(false);
            }

            await rendering.ConfigureAwait(false);
            await writing.ConfigureAwait(false);
            return cancellationToken.IsCancellationRequested ? new SessionEnd(false, "cancelled") : end;
        }
    }

    /// <summary>Keeps the renderer when the panels are the same as the one it was built for; otherwise (re)creates it.</summary>
    private void EnsureRenderer(Assignment assignment)
    {
        if (_renderer is not null && _assignment is { } current && current.Panels.Equals(assignment.Panels))
        {
            Log("same assignment: keeping the renderer and its GL context");
            return;
        }

        if (assignment.Panels.Count == 0)
        {
            throw new NodeJoinRefusedException($"node '{_options.Name}' was assigned no panels") { StatusCode = StatusCode.FailedPrecondition };
        }

        var quads = new Core.Geometry.PanelQuad[assignment.Panels.Count];
        for (var i = 0; i < quads.Length; i++)
        {
            quads[i] = NodeProtoMapping.ToQuad(assignment.Panels[i]);
        }

        _renderer?.Dispose();
        _renderer = null;
        var started = Stopwatch.GetTimestamp();
        _renderer = StageRenderer.Create(quads, CreateScene(), RenderOptionsFor());
        Interlocked.Increment(ref _renderersCreated);
        var pixels = 0L;
        foreach (var quad in quads)
        {
            pixels += (long)quad.PixelsX * quad.PixelsY;
        }

        Log(string.Create(CultureInfo.InvariantCulture,
            $"renderer ready: {quads.Length} panels, {pixels / 1e6:F2} Mpx, in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms"));
        // One warm-up frame: llvmpipe compiles shaders at the first draw (shared/notes/gl-headless.md §5 item 11), and
        // the frame's images give the outputs their panel sizes.
        var images = new List<PanelImage>(quads.Length);
        images.AddRange(_renderer.RenderFrame(0, [], Render.OperatorState.OuterOnly).Panels);
        _output?.Configure(images);
    }

    private async Task<SessionEnd> ReadAsync(Session session, LatestCue cues, CancellationToken token)
    {
        var stream = session.Call.ResponseStream;
        try
        {
            while (await stream.MoveNext(token).ConfigureAwait(false))
            {
                var arrival = Stopwatch.GetTimestamp();
                var message = stream.Current;
                switch (message.KindCase)
                {
                    case CoordinatorMessage.KindOneofCase.Cue:
                        if (cues.Post(message.Cue, arrival))
                        {
                            Interlocked.Increment(ref _cuesSkipped);
                            NodeTelemetry.CuesSkipped.Add(1);
                        }

                        break;
                    case CoordinatorMessage.KindOneofCase.Present:
                        OnPresent(message.Present.Frame);
                        break;
                    case CoordinatorMessage.KindOneofCase.Assignment:
                        if (!message.Assignment.Panels.Equals(_assignment?.Panels))
                        {
                            Log("the coordinator changed the assignment; rebuilding the renderer before the next frame");
                            _changedAssignment = message.Assignment;
                        }

                        _assignment = message.Assignment;
                        break;
                    case CoordinatorMessage.KindOneofCase.Shutdown:
                        return new SessionEnd(true, string.IsNullOrEmpty(message.Shutdown.Reason) ? "no reason given" : message.Shutdown.Reason);
                    default:
                        // PoseUpdate: nodes render from cues; poses are for latency figures.
                        break;
                }
            }

            return new SessionEnd(false, "the coordinator closed the stream");
        }
        catch (OperationCanceledException)
        {
            return new SessionEnd(false, "cancelled");
        }
        catch (RpcException e)
        {
            return new SessionEnd(false, $"stream failed: {e.StatusCode}: {e.Status.Detail}");
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException)
        {
            return new SessionEnd(false, $"stream failed: {e.Message}");
        }
    }

    private void OnPresent(long frame)
    {
        if (frame == Interlocked.Read(ref _lastRendered))
        {
            Interlocked.Increment(ref _framesPresented);
            NodeTelemetry.FramesPresented.Add(1);
            _output?.OnPresented(frame);
        }
        else
        {
            Interlocked.Increment(ref _presentsWithoutFrame);
            NodeTelemetry.PresentsWithoutFrame.Add(1);
        }
    }

    private async Task RenderLoopAsync(LatestCue cues, Channel<NodeMessage> outbox, CancellationToken token)
    {
        var cameras = new List<RenderCamera>(4);
        try
        {
            while (true)
            {
                var (cue, arrival) = await cues.TakeAsync(token).ConfigureAwait(false);
                if (_changedAssignment is { } changed)
                {
                    _changedAssignment = null;
                    EnsureRenderer(changed);
                }

                cameras.Clear();
                foreach (var camera in cue.Cameras)
                {
                    cameras.Add(NodeProtoMapping.ToCamera(camera));
                }

                var op = NodeProtoMapping.ToOperator(cue.Operator);
                using var activity = NodeTelemetry.Source.StartActivity("node.frame");
                activity?.SetTag("frame", cue.Frame);
                RenderedFrame frame;
                try
                {
                    frame = await _renderer!.RenderFrameAsync(cue.Frame, cameras, op, token).ConfigureAwait(false);
                }
                catch (GraphicsException e)
                {
                    NodeTelemetry.RenderErrors.Add(1);
                    Log($"frame {cue.Frame} failed to render: {e.Message}");
                    continue;
                }

                if (_options.ExtraRenderTime > TimeSpan.Zero)
                {
                    await Task.Delay(_options.ExtraRenderTime, token).ConfigureAwait(false);
                }

                Interlocked.Exchange(ref _lastRendered, cue.Frame);
                Interlocked.Increment(ref _framesRendered);
                var renderMs = frame.RenderTime.TotalMilliseconds + _options.ExtraRenderTime.TotalMilliseconds;
                var readbackMs = frame.ReadbackTime.TotalMilliseconds;
                var cueToReady = Stopwatch.GetElapsedTime(arrival);
                outbox.Writer.TryWrite(new NodeMessage
                {
                    FrameReady = new FrameReady
                    {
                        Frame = cue.Frame,
                        RenderUs = (long)(renderMs * 1000),
                        ReadbackUs = (long)frame.ReadbackTime.TotalMicroseconds,
                        CueToReadyUs = (long)cueToReady.TotalMicroseconds,
                    },
                });
                NodeTelemetry.FramesRendered.Add(1);
                NodeTelemetry.RenderDuration.Record(renderMs);
                NodeTelemetry.ReadbackDuration.Record(readbackMs);
                NodeTelemetry.CueToReady.Record(cueToReady.TotalMilliseconds);
                _window.Record(renderMs, readbackMs, cueToReady.TotalMilliseconds);

                // After FrameReady: the copy for the outputs does not delay the barrier; a Present that arrives while
                // it runs is held until it is done.
                _output?.Capture(frame);
                _previews?.Offer(frame, outbox.Writer.TryWrite);
            }
        }
        catch (OperationCanceledException)
        {
            // Session over.
        }
    }

    private static async Task WriteAsync(Session session, Channel<NodeMessage> outbox, CancellationToken token)
    {
        try
        {
            await foreach (var message in outbox.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                await session.Call.RequestStream.WriteAsync(message).ConfigureAwait(false);
            }

            // The outbox was completed (the session is ending): end the request stream normally (END_STREAM), which
            // after a Shutdown tells the coordinator this node has read it.
            await session.Call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or HttpRequestException or InvalidOperationException)
        {
            // The session is ending; the reader reports why.
            await session.Cancellation.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task TickAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(_options.StatsInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                Tick();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Tick()
    {
        var now = Stopwatch.GetTimestamp();
        var seconds = Stopwatch.GetElapsedTime(_lastTickTimestamp, now).TotalSeconds;
        _lastTickTimestamp = now;
        var (_, renderP50, renderP99, readbackP50, cueP50, cueP99) = _window.Drain();
        var totals = Totals;
        var snapshot = totals with
        {
            IntervalSeconds = seconds,
            IntervalRendered = totals.FramesRendered - _lastTickRendered,
            IntervalPresented = totals.FramesPresented - _lastTickPresented,
            RenderMsP50 = renderP50,
            RenderMsP99 = renderP99,
            ReadbackMsP50 = readbackP50,
            CueToReadyMsP50 = cueP50,
            CueToReadyMsP99 = cueP99,
        };
        _lastTickRendered = totals.FramesRendered;
        _lastTickPresented = totals.FramesPresented;
        if (_outbox is { } outbox)
        {
            outbox.Writer.TryWrite(new NodeMessage { Heartbeat = new Heartbeat { NodeMonoNs = (long)Stopwatch.GetElapsedTime(0, now).TotalNanoseconds } });
            outbox.Writer.TryWrite(new NodeMessage
            {
                Stats = new NodeStats
                {
                    FramesRendered = snapshot.FramesRendered,
                    FramesPresented = snapshot.FramesPresented,
                    CuesSkipped = snapshot.CuesSkipped,
                    RenderMsP50 = double.IsNaN(renderP50) ? 0 : renderP50,
                    RenderMsP99 = double.IsNaN(renderP99) ? 0 : renderP99,
                },
            });
        }

        _options.StatsObserver?.Invoke(snapshot);
    }

    /// <summary>A connection failure worth retrying (refused, reset, unavailable, name still held by a dying session).</summary>
    private sealed class TransientConnectException : Exception
    {
        public TransientConnectException()
        {
        }

        public TransientConnectException(string message)
            : base(message)
        {
        }

        public TransientConnectException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }

    private readonly record struct SessionEnd(bool Shutdown, string Reason);

    private sealed class Session(RpcChannel channel, AsyncDuplexStreamingCall<NodeMessage, CoordinatorMessage> call, CancellationTokenSource cancellation, Assignment assignment)
        : IDisposable
    {
        public AsyncDuplexStreamingCall<NodeMessage, CoordinatorMessage> Call { get; } = call;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Assignment Assignment { get; } = assignment;

        public void Dispose()
        {
            Call.Dispose();
            channel.Dispose();
            Cancellation.Dispose();
        }
    }
}
