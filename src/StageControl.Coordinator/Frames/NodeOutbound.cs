using System.Collections.Concurrent;
using System.Diagnostics;
using StageControl.Coordinator.Telemetry;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Frames;

/// <summary>
/// One node session's outbound side: latest-wins slots that the frame loop and the tracking hub post into, drained into
/// the node's stream in priority order — control (assignment, shutdown), present, cue, poses. A cue that replaces an
/// unsent one is counted as dropped; a slot never holds more than one item, so a slow node costs the others nothing
/// and never builds a backlog (shared/DESIGN.md "The frame cycle", step 3).
/// <para>
/// Who writes: once <see cref="RunAsync"/> has started, the thread that posts (the frame loop for cues and presents,
/// the ingest loop for poses) writes the item straight into the stream when no write is in progress: the assembly and
/// the copy into Kestrel's pipe are synchronous, and so is the flush unless the connection pushes back. Only when a
/// write does not complete synchronously does a continuation on the thread pool take over and drain the slots. One
/// owner at a time (<c>_draining</c>), so writes never overlap. This removes a thread-pool wake-up per node per message
/// from the pose and present paths (measured with <c>stagectl bench latency|barrier</c>; README "Tour").
/// </para>
/// <para>
/// Serialised once for all nodes: a cue arrives as a <see cref="SharedCue"/> (the frame loop serialised it once), a
/// pose as a <see cref="PoseItem"/> carrying its state's bytes, and a present is four integers. At write time each
/// message is assembled around those bytes with this node's own fields (<see cref="NodeWire"/>: sent_mono_ns, and
/// cues_dropped) and handed to the stream as bytes (<see cref="ISerializedStreamWriter"/>); a stream without that
/// capability (test doubles) gets the parsed message instead. The cue's bytes are copied into this node's slot at post
/// time (under the slot lock) and swapped with the buffer being written when taken, so the frame loop may reuse its
/// objects every frame, and nothing here allocates in steady state.
/// </para>
/// </summary>
internal sealed class NodeOutbound
{
    private readonly IAsyncStreamWriter<CoordinatorMessage> _stream;
    private readonly ISerializedStreamWriter? _serialized;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<CoordinatorMessage> _control = new();
    private readonly PoseItem?[] _poses;
    private readonly Lock _gate = new();
    private readonly LatencyRecorder? _poseLatency;

    // Cue bytes: _pendingCue is filled at post time under _gate; _writingCue belongs to the drain owner; swapped when
    // a cue is taken. _message is where the drain owner assembles what it writes.
    private byte[] _pendingCue = new byte[512];
    private int _pendingCueLength;
    private long _pendingCueFrame;
    private byte[] _writingCue = new byte[512];
    private byte[] _message = new byte[512 + NodeWire.MaxOverhead];
    private SharedCue? _ownCue;

    private bool _cuePending;
    private bool _presentPending;
    private long _presentFrame;
    private int _presentReady;
    private int _presentExpected;
    private long _cuesDropped;
    private long _cuesDroppedSinceSent;
    private long _posesDropped;
    private long _lastPresentFrame = long.MinValue;
    private long _lastPresentTicks;
    private int _nextPose;

    // Drain ownership: 1 while some thread writes (inline or continuation).
    private int _draining;
    private volatile bool _started;
    private volatile bool _completed;
    private volatile bool _shutdownWritten;

    // What the write in flight was (drain owner only), for the bookkeeping after it returns.
    private Written _inFlight;
    private long _inFlightArrival;
    private long _inFlightPresentFrame;
    private bool _inFlightShutdown;

    /// <summary>Slots for a node stream; <paramref name="cameraCount"/> pose slots.</summary>
    public NodeOutbound(IAsyncStreamWriter<CoordinatorMessage> stream, int cameraCount, LatencyRecorder? poseLatency = null)
    {
        _stream = stream;
        _serialized = stream as ISerializedStreamWriter;
        _poses = new PoseItem?[cameraCount];
        _poseLatency = poseLatency;
    }

    private enum Written
    {
        None,
        Control,
        Present,
        Cue,
        Pose,
    }

    /// <summary>Cues replaced before they were sent.</summary>
    public long CuesDropped => Volatile.Read(ref _cuesDropped);

    /// <summary>Pose updates replaced before they were sent.</summary>
    public long PosesDropped => Volatile.Read(ref _posesDropped);

    /// <summary>True once a Shutdown has been written into the stream (nothing is written after it).</summary>
    public bool ShutdownWritten => _shutdownWritten;

    /// <summary>Items waiting in the cue slot (0 or 1: the slot never grows).</summary>
    public int PendingCues
    {
        get
        {
            lock (_gate)
            {
                return _cuePending ? 1 : 0;
            }
        }
    }

    /// <summary>The frame of the cue waiting in the slot, or null.</summary>
    public long? PendingCueFrame
    {
        get
        {
            lock (_gate)
            {
                return _cuePending ? _pendingCueFrame : null;
            }
        }
    }

    /// <summary>The frame of the last Present written and the Stopwatch ticks when its write returned.</summary>
    public (long Frame, long Ticks) LastPresentWrite
    {
        get
        {
            lock (_gate)
            {
                return (_lastPresentFrame, _lastPresentTicks);
            }
        }
    }

    /// <summary>Queues a control message (assignment, shutdown): never dropped.</summary>
    public void PostControl(CoordinatorMessage message)
    {
        _control.Enqueue(message);
        Kick();
    }

    /// <summary>Serialises a cue and puts it in the slot (<see cref="PostCue(SharedCue)"/>); for a single node — the
    /// frame loop serialises once for all nodes. The caller may reuse <paramref name="frame"/> as soon as this returns.</summary>
    public void PostCue(CueFrame frame)
    {
        var cue = _ownCue ??= new SharedCue();
        lock (cue)
        {
            cue.Serialize(frame);
            PostCue(cue);
        }
    }

    /// <summary>Copies a serialised cue into the slot, replacing (and counting) an unsent one. The caller may reuse
    /// <paramref name="cue"/> as soon as this returns.</summary>
    public void PostCue(SharedCue cue)
    {
        var bytes = cue.Bytes;
        lock (_gate)
        {
            if (_cuePending)
            {
                _cuesDropped++;
                _cuesDroppedSinceSent++;
                if (CoordinatorTelemetry.CuesDropped.Enabled)
                {
                    CoordinatorTelemetry.CuesDropped.Add(1);
                }
            }

            if (_pendingCue.Length < bytes.Length)
            {
                _pendingCue = new byte[Math.Max(bytes.Length, 2 * _pendingCue.Length)];
            }

            bytes.CopyTo(_pendingCue);
            _pendingCueLength = bytes.Length;
            _pendingCueFrame = cue.Frame;
            _cuePending = true;
        }

        Kick();
    }

    /// <summary>Puts a present in its slot (a newer one replaces an unsent one).</summary>
    public void PostPresent(long frame, int ready, int expected)
    {
        lock (_gate)
        {
            _presentPending = true;
            _presentFrame = frame;
            _presentReady = ready;
            _presentExpected = expected;
        }

        Kick();
    }

    /// <summary>Puts a pose in its camera's slot (latest wins).</summary>
    public void PostPose(PoseItem item)
    {
        if (Interlocked.Exchange(ref _poses[item.CameraIndex], item) is not null)
        {
            Interlocked.Increment(ref _posesDropped);
        }

        Kick();
    }

    /// <summary>
    /// Starts writing (everything posted so far, then each post as it comes) and completes when cancelled or when a
    /// Shutdown was written; a failed write ends it with that write's exception.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _started = true;
        Kick();
        try
        {
            await _finished.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Session over.
        }
        finally
        {
            _completed = true;
        }
    }

    /// <summary>Takes the drain if nobody holds it and writes from this thread.</summary>
    private void Kick()
    {
        if (_started && !_completed && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            Drain();
        }
    }

    /// <summary>Writes while items are pending and every write completes synchronously; hands over to a continuation
    /// at the first one that does not. The caller owns <c>_draining</c>.</summary>
    private void Drain()
    {
        while (true)
        {
            while (!_completed)
            {
                Task write;
                try
                {
                    write = StartNextWrite();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Fail(e);
                    return;
                }

                if (_inFlight == Written.None)
                {
                    break;
                }

                if (!write.IsCompleted)
                {
                    _ = ContinueAsync(write);
                    return;
                }

                if (!write.IsCompletedSuccessfully)
                {
                    Fail(write.Exception?.InnerException ?? new OperationCanceledException());
                    return;
                }

                AfterWrite();
            }

            // Release, then look again: a post that found the drain taken relies on this second look (the exchange is
            // a full fence, pairing with the poster's compare-exchange after it filled its slot).
            Interlocked.Exchange(ref _draining, 0);
            if (_completed || !AnyPending() || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task ContinueAsync(Task write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail(e);
            return;
        }

        AfterWrite();
        Drain();
    }

    private void Fail(Exception e)
    {
        _completed = true;
        _finished.TrySetException(e);
    }

    private bool AnyPending()
    {
        if (!_control.IsEmpty)
        {
            return true;
        }

        lock (_gate)
        {
            if (_presentPending || _cuePending)
            {
                return true;
            }
        }

        for (var i = 0; i < _poses.Length; i++)
        {
            if (Volatile.Read(ref _poses[i]) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts writing the highest-priority pending item (sets <c>_inFlight</c>); None when every slot is empty.</summary>
    private Task StartNextWrite()
    {
        _inFlight = Written.None;
        if (_control.TryDequeue(out var control))
        {
            _inFlight = Written.Control;
            _inFlightShutdown = control.KindCase == CoordinatorMessage.KindOneofCase.Shutdown;
            return _stream.WriteAsync(control);
        }

        var present = false;
        var cue = false;
        var cueLength = 0;
        long presentFrame = 0, cuesDropped = 0;
        int ready = 0, expected = 0;
        lock (_gate)
        {
            if (_presentPending)
            {
                present = true;
                _presentPending = false;
                presentFrame = _presentFrame;
                ready = _presentReady;
                expected = _presentExpected;
            }
            else if (_cuePending)
            {
                // Swap: the filled buffer goes out, the written one becomes the next slot.
                cue = true;
                _cuePending = false;
                (_pendingCue, _writingCue) = (_writingCue, _pendingCue);
                cueLength = _pendingCueLength;
                cuesDropped = _cuesDroppedSinceSent;
                _cuesDroppedSinceSent = 0;
            }
        }

        if (present)
        {
            _inFlight = Written.Present;
            _inFlightPresentFrame = presentFrame;
            return Write(NodeWire.Present(Message(0), presentFrame, ready, expected, MonoNs(Stopwatch.GetTimestamp())));
        }

        if (cue)
        {
            _inFlight = Written.Cue;
            return Write(NodeWire.Cue(Message(cueLength), _writingCue.AsSpan(0, cueLength), MonoNs(Stopwatch.GetTimestamp()), cuesDropped));
        }

        // Poses: round-robin over cameras so one busy camera cannot starve another.
        for (var k = 0; k < _poses.Length; k++)
        {
            var i = (_nextPose + k) % _poses.Length;
            var item = Interlocked.Exchange(ref _poses[i], null);
            if (item is null)
            {
                continue;
            }

            _nextPose = i + 1;
            _inFlight = Written.Pose;
            _inFlightArrival = item.ArrivalTimestamp;
            return Write(NodeWire.Pose(Message(item.StateBytes.Length), item.StateBytes, MonoNs(Stopwatch.GetTimestamp())));
        }

        return Task.CompletedTask;
    }

    /// <summary>The assembly buffer, with room for <paramref name="shared"/> bytes plus the per-node part.</summary>
    private Span<byte> Message(int shared)
    {
        if (_message.Length < shared + NodeWire.MaxOverhead)
        {
            _message = new byte[Math.Max(shared + NodeWire.MaxOverhead, 2 * _message.Length)];
        }

        return _message;
    }

    /// <summary>Writes the first <paramref name="length"/> assembled bytes: as bytes when the stream takes them, else
    /// as the parsed message (test doubles).</summary>
    private Task Write(int length) => _serialized is { } serialized
        ? serialized.WriteSerializedAsync(_message.AsSpan(0, length))
        : _stream.WriteAsync(CoordinatorMessage.Parser.ParseFrom(_message, 0, length));

    /// <summary>Bookkeeping once the write in flight returned.</summary>
    private void AfterWrite()
    {
        switch (_inFlight)
        {
            case Written.Control when _inFlightShutdown:
                _shutdownWritten = true;
                _completed = true;
                _finished.TrySetResult();
                break;
            case Written.Present:
                var written = Stopwatch.GetTimestamp();
                lock (_gate)
                {
                    _lastPresentFrame = _inFlightPresentFrame;
                    _lastPresentTicks = written;
                }

                break;
            case Written.Pose:
                _poseLatency?.Record(ElapsedNs(_inFlightArrival, Stopwatch.GetTimestamp()));
                break;
            default:
                break;
        }

        _inFlight = Written.None;
    }

    /// <summary>Stopwatch ticks as nanoseconds (the coordinator's monotonic clock on the wire).</summary>
    public static long MonoNs(long ticks) => (long)((Int128)ticks * 1_000_000_000 / Stopwatch.Frequency);

    /// <summary>Nanoseconds between two Stopwatch timestamps.</summary>
    public static long ElapsedNs(long from, long to) => (long)((Int128)(to - from) * 1_000_000_000 / Stopwatch.Frequency);
}
