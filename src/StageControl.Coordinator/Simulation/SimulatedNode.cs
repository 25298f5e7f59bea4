using System.Diagnostics;
using System.Threading.Channels;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Simulation;

/// <summary>
/// A render node without a renderer, for tests, benchmarks and the demo: joins the coordinator by name over its own
/// <see cref="RpcChannel"/> (its own HTTP/2 connection), answers each cue with FrameReady after
/// <see cref="SimulatedNodeOptions.RenderTime"/> (latest cue wins, like a real node), counts cues, presents and poses,
/// and records the Stopwatch arrival of each Present and PoseUpdate in preallocated arrays and through optional
/// callbacks. It can be told to stall (stop answering cues, to test missed deadlines) and to disconnect and reconnect.
/// On Shutdown it stops answering and ends its request stream, as <c>NodeRuntime</c> does.
/// </summary>
public sealed class SimulatedNode : IAsyncDisposable
{
    private readonly Uri _coordinator;
    private readonly SimulatedNodeOptions _options;
    private readonly long[] _presentArrivals;
    private readonly long[] _presentFrames;
    private readonly long[] _poseArrivals;
    private readonly long[] _poseArrivalMonoNs;
    private RpcChannel? _channel;
    private AsyncDuplexStreamingCall<NodeMessage, CoordinatorMessage>? _call;
    private CancellationTokenSource? _session;
    private Task? _reading;
    private Task? _answering;
    private Channel<FrameCue>? _cues;
    private long _cuesReceived;
    private long _presentsReceived;
    private long _posesReceived;
    private long _readiesSent;
    private int _presentCount;
    private int _poseCount;
    private long _lastCueFrame = long.MinValue;
    private long _lastPresentFrame = long.MinValue;
    private volatile bool _stalled;
    private volatile Present? _lastPresent;
    private volatile PoseUpdate? _lastPose;
    private volatile FrameCue? _lastCue;
    private volatile Shutdown? _shutdown;
    private volatile Exception? _error;

    /// <summary>A node named <paramref name="name"/> for the coordinator at <paramref name="coordinator"/> (not connected yet).</summary>
    public SimulatedNode(Uri coordinator, string name, SimulatedNodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _coordinator = coordinator;
        Name = name;
        _options = options ?? new SimulatedNodeOptions();
        _presentArrivals = new long[_options.RecordCapacity];
        _presentFrames = new long[_options.RecordCapacity];
        _poseArrivals = new long[_options.RecordCapacity];
        _poseArrivalMonoNs = new long[_options.RecordCapacity];
    }

    /// <summary>The node's name.</summary>
    public string Name { get; }

    /// <summary>The options (render time may be changed while running).</summary>
    public SimulatedNodeOptions Options => _options;

    /// <summary>The assignment of the current (or last) session.</summary>
    public Assignment? Assignment { get; private set; }

    /// <summary>When true, cues are counted but never answered.</summary>
    public bool Stalled
    {
        get => _stalled;
        set => _stalled = value;
    }

    /// <summary>Called on the reading task for each Present, with its Stopwatch arrival.</summary>
    public Action<Present, long>? PresentObserver { get; set; }

    /// <summary>Called on the reading task for each PoseUpdate, with its Stopwatch arrival.</summary>
    public Action<PoseUpdate, long>? PoseObserver { get; set; }

    /// <summary>Called on the answering task just before each FrameReady is written, with its frame and the Stopwatch
    /// time (benchmarks: FrameReady send → Present arrival).</summary>
    public Action<long, long>? ReadyObserver { get; set; }

    /// <summary>Cues received.</summary>
    public long CuesReceived => Interlocked.Read(ref _cuesReceived);

    /// <summary>Presents received.</summary>
    public long PresentsReceived => Interlocked.Read(ref _presentsReceived);

    /// <summary>PoseUpdates received.</summary>
    public long PosesReceived => Interlocked.Read(ref _posesReceived);

    /// <summary>FrameReady messages sent.</summary>
    public long ReadiesSent => Interlocked.Read(ref _readiesSent);

    /// <summary>Frame of the last cue.</summary>
    public long LastCueFrame => Interlocked.Read(ref _lastCueFrame);

    /// <summary>Frame of the last Present.</summary>
    public long LastPresentFrame => Interlocked.Read(ref _lastPresentFrame);

    /// <summary>The last cue, present and pose received.</summary>
    public FrameCue? LastCue => _lastCue;

    /// <inheritdoc cref="LastCue"/>
    public Present? LastPresent => _lastPresent;

    /// <inheritdoc cref="LastCue"/>
    public PoseUpdate? LastPose => _lastPose;

    /// <summary>The Shutdown the coordinator sent, if any.</summary>
    public Shutdown? ShutdownReceived => _shutdown;

    /// <summary>What ended the session's stream, when it ended with an error.</summary>
    public Exception? Error => _error;

    /// <summary>True while a session is open and its stream has not ended.</summary>
    public bool Connected => _reading is { IsCompleted: false };

    /// <summary>Stopwatch arrivals of the recorded Presents (first <see cref="PresentCount"/> entries).</summary>
    public ReadOnlySpan<long> PresentArrivals => _presentArrivals.AsSpan(0, Volatile.Read(ref _presentCount));

    /// <summary>Frames of the recorded Presents.</summary>
    public ReadOnlySpan<long> PresentFrames => _presentFrames.AsSpan(0, Volatile.Read(ref _presentCount));

    /// <summary>Stopwatch arrivals of the recorded PoseUpdates.</summary>
    public ReadOnlySpan<long> PoseArrivals => _poseArrivals.AsSpan(0, Volatile.Read(ref _poseCount));

    /// <summary>The coordinator's arrival_mono_ns of each recorded PoseUpdate (same order as <see cref="PoseArrivals"/>).</summary>
    public ReadOnlySpan<long> PoseArrivalMonoNs => _poseArrivalMonoNs.AsSpan(0, Volatile.Read(ref _poseCount));

    /// <summary>Recorded Presents.</summary>
    public int PresentCount => Volatile.Read(ref _presentCount);

    /// <summary>Opens a session, sends Join and waits for the Assignment. A refused Join throws <see cref="RpcException"/>
    /// (NOT_FOUND, ALREADY_EXISTS, ...).</summary>
    public async Task<Assignment> ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (Connected)
        {
            throw new InvalidOperationException($"node {Name} is already connected");
        }

        await CloseAsync().ConfigureAwait(false);
        _shutdown = null;
        _error = null;
        _channel = RpcChannel.ForAddress(_coordinator, new RpcChannelOptions { TrustedCertificate = _options.TrustedCertificate });
        _session = new CancellationTokenSource();
        var headers = _options.Token is { } bearer ? new Metadata { { "authorization", "Bearer " + bearer } } : null;
        _call = new NodeSession.NodeSessionClient(_channel.CreateCallInvoker()).Session(new CallOptions(Headers: headers, CancellationToken: _session.Token));
        await _call.RequestStream.WriteAsync(new NodeMessage
        {
            Join = new Join
            {
                Name = Name,
                Version = "simulated",
                Renderer = _options.Renderer,
                Pid = Environment.ProcessId,
                Host = Environment.MachineName,
            },
        }).ConfigureAwait(false);
        if (!await _call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(_call.GetStatus());
        }

        var first = _call.ResponseStream.Current;
        if (first.KindCase != CoordinatorMessage.KindOneofCase.Assignment)
        {
            throw new InvalidOperationException($"the coordinator's first message was {first.KindCase}, not Assignment");
        }

        Assignment = first.Assignment;
        _cues = Channel.CreateBounded<FrameCue>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var token = _session.Token;
        _reading = Task.Run(() => ReadAsync(_call, _cues, token), CancellationToken.None);
        _answering = Task.Run(() => AnswerAsync(_call, _cues, token), CancellationToken.None);
        return Assignment;
    }

    /// <summary>Ends the session abruptly (cancels the call: the coordinator sees the stream die).</summary>
    public Task DisconnectAsync() => CloseAsync();

    /// <summary>Disconnects, then connects again with the same name.</summary>
    public async Task<Assignment> ReconnectAsync(CancellationToken cancellationToken = default)
    {
        await CloseAsync().ConfigureAwait(false);
        return await ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes; returns whether it held.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(5).ConfigureAwait(false);
        }

        return true;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => new(CloseAsync());

    private async Task CloseAsync()
    {
        var session = _session;
        if (session is not null)
        {
            await session.CancelAsync().ConfigureAwait(false);
        }

        foreach (var task in new[] { _reading, _answering })
        {
            if (task is not null)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Expected.
                }
            }
        }

        _call?.Dispose();
        _channel?.Dispose();
        session?.Dispose();
        _call = null;
        _channel = null;
        _session = null;
        _reading = null;
        _answering = null;
    }

    private async Task ReadAsync(AsyncDuplexStreamingCall<NodeMessage, CoordinatorMessage> call, Channel<FrameCue> cues, CancellationToken token)
    {
        try
        {
            // No token per read: a cancellable read links a token source per message; the session token is the call's
            // own (CallOptions), and cancelling it ends this read just the same.
            while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                var arrival = Stopwatch.GetTimestamp();
                var message = call.ResponseStream.Current;
                switch (message.KindCase)
                {
                    case CoordinatorMessage.KindOneofCase.Cue:
                        Interlocked.Increment(ref _cuesReceived);
                        Interlocked.Exchange(ref _lastCueFrame, message.Cue.Frame);
                        _lastCue = message.Cue;
                        cues.Writer.TryWrite(message.Cue);
                        break;
                    case CoordinatorMessage.KindOneofCase.Present:
                        Interlocked.Increment(ref _presentsReceived);
                        Interlocked.Exchange(ref _lastPresentFrame, message.Present.Frame);
                        _lastPresent = message.Present;
                        var p = _presentCount;
                        if (p < _presentArrivals.Length)
                        {
                            _presentArrivals[p] = arrival;
                            _presentFrames[p] = message.Present.Frame;
                            Volatile.Write(ref _presentCount, p + 1);
                        }

                        PresentObserver?.Invoke(message.Present, arrival);
                        break;
                    case CoordinatorMessage.KindOneofCase.Pose:
                        Interlocked.Increment(ref _posesReceived);
                        _lastPose = message.Pose;
                        var q = _poseCount;
                        if (q < _poseArrivals.Length)
                        {
                            _poseArrivals[q] = arrival;
                            _poseArrivalMonoNs[q] = message.Pose.Camera?.ArrivalMonoNs ?? 0;
                            Volatile.Write(ref _poseCount, q + 1);
                        }

                        PoseObserver?.Invoke(message.Pose, arrival);
                        break;
                    case CoordinatorMessage.KindOneofCase.Shutdown:
                        // Like a real node: stop answering; the answering task then ends the request stream, which
                        // tells the coordinator the Shutdown was read.
                        _shutdown = message.Shutdown;
                        cues.Writer.TryComplete();
                        break;
                    case CoordinatorMessage.KindOneofCase.Assignment:
                        Assignment = message.Assignment;
                        break;
                    default:
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disconnected by us.
        }
        catch (RpcException e)
        {
            _error = e;
        }
        catch (IOException e)
        {
            _error = e;
        }
        catch (HttpRequestException e)
        {
            _error = e;
        }
        finally
        {
            cues.Writer.TryComplete();
        }
    }

    private async Task AnswerAsync(AsyncDuplexStreamingCall<NodeMessage, CoordinatorMessage> call, Channel<FrameCue> cues, CancellationToken token)
    {
        var ready = new FrameReady();
        var message = new NodeMessage { FrameReady = ready };
        try
        {
            while (await cues.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                if (!cues.Reader.TryRead(out var cue) || _stalled)
                {
                    continue;
                }

                var started = Stopwatch.GetTimestamp();
                var render = _options.RenderTime;
                if (render > TimeSpan.Zero)
                {
                    await Task.Delay(render, token).ConfigureAwait(false);
                }

                var elapsedUs = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                ready.Frame = cue.Frame;
                ready.RenderUs = elapsedUs;
                ready.CueToReadyUs = elapsedUs;
                ReadyObserver?.Invoke(cue.Frame, Stopwatch.GetTimestamp());
                await call.RequestStream.WriteAsync(message).ConfigureAwait(false);
                Interlocked.Increment(ref _readiesSent);
            }

            if (_shutdown is not null)
            {
                // The only writer after Join is this task, so no write is in flight here.
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disconnected.
        }
        catch (RpcException)
        {
            // The call ended.
        }
        catch (IOException)
        {
            // The stream died.
        }
        catch (InvalidOperationException)
        {
            // The request stream was completed.
        }
        catch (HttpRequestException)
        {
            // The connection died.
        }
    }
}
