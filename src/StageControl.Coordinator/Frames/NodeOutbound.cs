using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using StageControl.Coordinator.Telemetry;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Frames;

/// <summary>
/// One node session's outbound side: latest-wins slots that the frame loop and the tracking hub post into, and one
/// writer task that drains them into the node's stream in priority order — control (assignment, shutdown), present,
/// cue, poses. A cue that replaces an unsent one is counted as dropped; a slot never holds more than one item, so a
/// slow node costs the others nothing and never builds a backlog (shared/DESIGN.md "The frame cycle", step 3).
/// The writer reuses one message object per kind: serialisation is synchronous inside <c>WriteAsync</c>, so the
/// object is free again once the write returns.
/// </summary>
internal sealed class NodeOutbound
{
    private readonly IAsyncStreamWriter<CoordinatorMessage> _stream;
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
        AllowSynchronousContinuations = false,
    });

    private readonly ConcurrentQueue<CoordinatorMessage> _control = new();
    private readonly PoseItem?[] _poses;
    private readonly Lock _gate = new();
    private readonly LatencyRecorder? _poseLatency;

    // Reused messages (writer task only).
    private readonly FrameCue _cue = new();
    private readonly CoordinatorMessage _cueMessage;
    private readonly Present _present = new();
    private readonly CoordinatorMessage _presentMessage;
    private readonly PoseUpdate _pose = new();
    private readonly CoordinatorMessage _poseMessage;

    private CueFrame? _pendingCue;
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
    private volatile bool _completed;

    /// <summary>Slots for a node stream; <paramref name="cameraCount"/> pose slots.</summary>
    public NodeOutbound(IAsyncStreamWriter<CoordinatorMessage> stream, int cameraCount, LatencyRecorder? poseLatency = null)
    {
        _stream = stream;
        _poses = new PoseItem?[cameraCount];
        _poseLatency = poseLatency;
        _cueMessage = new CoordinatorMessage { Cue = _cue };
        _presentMessage = new CoordinatorMessage { Present = _present };
        _poseMessage = new CoordinatorMessage { Pose = _pose };
    }

    /// <summary>Cues replaced before they were sent.</summary>
    public long CuesDropped => Volatile.Read(ref _cuesDropped);

    /// <summary>Pose updates replaced before they were sent.</summary>
    public long PosesDropped => Volatile.Read(ref _posesDropped);

    /// <summary>Items waiting in the cue slot (0 or 1: the slot never grows).</summary>
    public int PendingCues
    {
        get
        {
            lock (_gate)
            {
                return _pendingCue is null ? 0 : 1;
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
                return _pendingCue?.Frame;
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
        _signal.Writer.TryWrite(true);
    }

    /// <summary>Puts a cue in the slot, replacing (and counting) an unsent one.</summary>
    public void PostCue(CueFrame frame)
    {
        lock (_gate)
        {
            if (_pendingCue is not null)
            {
                _cuesDropped++;
                _cuesDroppedSinceSent++;
                if (CoordinatorTelemetry.CuesDropped.Enabled)
                {
                    CoordinatorTelemetry.CuesDropped.Add(1);
                }
            }

            _pendingCue = frame;
        }

        _signal.Writer.TryWrite(true);
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

        _signal.Writer.TryWrite(true);
    }

    /// <summary>Puts a pose in its camera's slot (latest wins).</summary>
    public void PostPose(PoseItem item)
    {
        if (Interlocked.Exchange(ref _poses[item.CameraIndex], item) is not null)
        {
            Interlocked.Increment(ref _posesDropped);
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>Drains the slots into the stream until cancelled, the stream fails, or a Shutdown was written.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!_completed && await _signal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _signal.Reader.TryRead(out _);
                while (!_completed && await WriteNextAsync().ConfigureAwait(false))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
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

    /// <summary>Writes the highest-priority pending item; false when every slot is empty.</summary>
    private async ValueTask<bool> WriteNextAsync()
    {
        if (_control.TryDequeue(out var control))
        {
            await _stream.WriteAsync(control).ConfigureAwait(false);
            if (control.KindCase == CoordinatorMessage.KindOneofCase.Shutdown)
            {
                _completed = true;
            }

            return true;
        }

        bool present;
        CueFrame? cue = null;
        long dropped = 0;
        lock (_gate)
        {
            present = _presentPending;
            if (present)
            {
                _presentPending = false;
                _present.Frame = _presentFrame;
                _present.Ready = _presentReady;
                _present.Expected = _presentExpected;
            }
            else if (_pendingCue is not null)
            {
                cue = _pendingCue;
                _pendingCue = null;
                dropped = _cuesDroppedSinceSent;
                _cuesDroppedSinceSent = 0;
            }
        }

        if (present)
        {
            _present.SentMonoNs = MonoNs(Stopwatch.GetTimestamp());
            await _stream.WriteAsync(_presentMessage).ConfigureAwait(false);
            var written = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                _lastPresentFrame = _present.Frame;
                _lastPresentTicks = written;
            }

            return true;
        }

        if (cue is not null)
        {
            _cue.Frame = cue.Frame;
            _cue.DisplayUnixNs = cue.DisplayUnixNs;
            _cue.Operator = cue.Operator;
            _cue.CuesDropped = dropped;
            _cue.Cameras.Clear();
            foreach (var camera in cue.Cameras)
            {
                _cue.Cameras.Add(camera);
            }

            _cue.SentMonoNs = MonoNs(Stopwatch.GetTimestamp());
            await _stream.WriteAsync(_cueMessage).ConfigureAwait(false);
            return true;
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
            _pose.Camera = item.State;
            _pose.SentMonoNs = MonoNs(Stopwatch.GetTimestamp());
            await _stream.WriteAsync(_poseMessage).ConfigureAwait(false);
            _poseLatency?.Record(ElapsedNs(item.ArrivalTimestamp, Stopwatch.GetTimestamp()));
            return true;
        }

        return false;
    }

    /// <summary>Stopwatch ticks as nanoseconds (the coordinator's monotonic clock on the wire).</summary>
    public static long MonoNs(long ticks) => (long)((Int128)ticks * 1_000_000_000 / Stopwatch.Frequency);

    /// <summary>Nanoseconds between two Stopwatch timestamps.</summary>
    public static long ElapsedNs(long from, long to) => (long)((Int128)(to - from) * 1_000_000_000 / Stopwatch.Frequency);
}
