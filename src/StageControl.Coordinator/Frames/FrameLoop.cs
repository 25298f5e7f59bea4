using StageControl.Coordinator.Operator;
using StageControl.Coordinator.Registry;
using StageControl.Coordinator.Telemetry;
using StageControl.Coordinator.Tracking;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.Frames;

/// <summary>
/// The frame loop, on one dedicated thread (shared/DESIGN.md "The frame cycle"). For each frame boundary N of the
/// frame clock: sleep until about 1 ms before it, spin to it (the boundary is always recomputed from the clock, never
/// by adding periods, so nothing drifts); open N in the barrier; evaluate every camera for N's display instant with the
/// operator state in force; post FrameCue{N} to every node in the barrier or lagging (latest wins); wait for FrameReady
/// from every live node until the deadline; close N and post Present{N}. The spread of the previous frame's Present
/// writes (the skew) is read when the next boundary comes, once the writers have had a whole period to write.
/// </summary>
internal sealed class FrameLoop : IDisposable
{
    /// <summary>How long before a boundary the loop stops sleeping and spins.</summary>
    private static readonly TimeSpan s_spinWindow = TimeSpan.FromMilliseconds(1.2);

    private readonly CoordinatorClock _clock;
    private readonly NodeRegistry _registry;
    private readonly FrameBarrier _barrier;
    private readonly CameraHub _cameras;
    private readonly OperatorControls _operator;
    private readonly SyncFigures _figures;
    private readonly long _timeoutTicks;
    private readonly ManualResetEventSlim _readySignal = new(false, spinCount: 100);
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _currentFrame = long.MinValue;
    private long _skewFrame = long.MinValue;

    // Reused every frame (the outbound slots copy what they need at post time): no allocation per frame.
    private readonly CameraState[] _cueCameras;
    private readonly CueFrame _cue;
    private readonly SharedCue _sharedCue = new();
    private readonly CameraState _frozen = new();
    private bool _frozenActive;
    private long _frozenAt;
    private string _frozenName = string.Empty;

    /// <summary>A loop over the given parts; <paramref name="barrierTimeout"/> after each boundary it presents anyway.</summary>
    public FrameLoop(CoordinatorClock clock, NodeRegistry registry, CameraHub cameras, OperatorControls controls, SyncFigures figures, TimeSpan barrierTimeout)
    {
        _clock = clock;
        _registry = registry;
        _barrier = registry.Barrier;
        _cameras = cameras;
        _operator = controls;
        _figures = figures;
        _timeoutTicks = clock.ToTicks(barrierTimeout);
        _cueCameras = new CameraState[cameras.Count];
        for (var i = 0; i < _cueCameras.Length; i++)
        {
            _cueCameras[i] = new CameraState();
        }

        _cue = new CueFrame(long.MinValue, 0, _cueCameras, controls.Current);
    }

    /// <summary>The frame being cued or last presented.</summary>
    public long CurrentFrame => Volatile.Read(ref _currentFrame);

    /// <summary>Remote stages: sends local state, adds remote cameras to each cue (set once, before <see cref="Start"/>).</summary>
    public IRemoteStage? Remote { get; set; }

    /// <summary>Collaborators' virtual cameras, cued after the local ones (and relayed with them to linked sites); set
    /// once, before <see cref="Start"/>.</summary>
    public Collaboration.CollaboratorStore? Collaborators { get; set; }

    /// <summary>Raised on the loop thread after each Present was posted (benchmarks, tests).</summary>
    public Action<FrameOutcome>? Presented { get; set; }

    /// <summary>Wakes the barrier wait (a FrameReady arrived).</summary>
    public void SignalReady() => _readySignal.Set();

    /// <summary>Starts the loop thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run)
        {
            IsBackground = true,
            Name = "StageControl frame loop",
            Priority = ThreadPriority.AboveNormal,
        };
        _thread.Start();
    }

    /// <summary>Stops the loop and waits for its thread.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _readySignal.Set();
        _thread?.Join();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Stop();
        _stop.Dispose();
        _readySignal.Dispose();
    }

    private void Run()
    {
        var token = _stop.Token;
        var next = _clock.NextFrame();
        while (!token.IsCancellationRequested)
        {
            var boundary = _clock.TimestampAt(_clock.Frames.FrameStartNs(next));
            if (!WaitUntil(boundary, token))
            {
                break;
            }

            Step(next, boundary);

            // Always from the clock: if this frame overran (or the thread was descheduled) past later boundaries, skip
            // them rather than cue frames whose time has gone.
            var due = _clock.Frames.FrameIndexAt(_clock.UnixNow()) + 1;
            if (due > next + 1)
            {
                var skipped = due - next - 1;
                _figures.OnSkipped(skipped);
                if (CoordinatorTelemetry.FramesSkipped.Enabled)
                {
                    CoordinatorTelemetry.FramesSkipped.Add(skipped);
                }
            }

            // A federation epoch step to a later epoch moves frame indices back by a frame or more: follow it at once
            // rather than wait for the old index's boundary (slews move less than a frame and never get here).
            next = due < next ? due : Math.Max(next + 1, due);
        }
    }

    /// <summary>
    /// Sleeps until ~1 ms before <paramref name="timestamp"/>, then spins. False when stopped. (Yielding instead of
    /// spinning was tried: it saves a sixth of a core at 120 fps, but Linux's EEVDF scheduler moves a thread that calls
    /// sched_yield a slice back whenever anything else is runnable, so on a loaded machine the boundary can come late,
    /// and loaded runs of <c>stagectl bench barrier --nodes 16</c> missed more deadlines with it.)
    /// </summary>
    private bool WaitUntil(long timestamp, CancellationToken token)
    {
        var time = _clock.Time;
        var spinTicks = _clock.ToTicks(s_spinWindow);
        while (true)
        {
            var remaining = timestamp - time.GetTimestamp();
            if (remaining <= 0)
            {
                return !token.IsCancellationRequested;
            }

            if (remaining > spinTicks)
            {
                var sleep = TimeSpan.FromTicks((long)((Int128)(remaining - spinTicks) * TimeSpan.TicksPerSecond / _clock.Frequency));
                if (token.WaitHandle.WaitOne(sleep))
                {
                    return false;
                }
            }
            else
            {
                Thread.SpinWait(20);
                if (token.IsCancellationRequested)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>One iteration of the loop at boundary <paramref name="boundary"/> (timestamp ticks): the skew of the
    /// previous frame, then frame <paramref name="frame"/>. Allocation-free in steady state (tested).</summary>
    internal void Step(long frame, long boundary)
    {
        RecordSkew();
        RunFrame(frame, boundary);
    }

    private void RunFrame(long frame, long boundary)
    {
        using var activity = CoordinatorTelemetry.Source.HasListeners() ? CoordinatorTelemetry.Source.StartActivity("frame") : null;
        activity?.SetTag("frame", frame);
        Volatile.Write(ref _currentFrame, frame);
        var deadline = boundary + _timeoutTicks;
        _barrier.BeginFrame(frame, deadline);

        // Cue: every camera for the instant frame N is shown (node.proto FrameCue.display_unix_ns = epoch + N·period).
        var displayUnix = _clock.Frames.FrameStartNs(frame);
        var op = _operator.ForFrame(frame);
        var cameras = _cueCameras;
        for (var i = 0; i < cameras.Length; i++)
        {
            _cameras.Evaluate(i, boundary, op.DelayOffsetMs, cameras[i]);
        }

        ApplyFreeze(op, cameras);
        cameras = Collaborators?.AppendTo(cameras) ?? cameras;
        cameras = Remote?.OnCue(frame, cameras, op) ?? cameras;
        var cue = _cue;
        cue.Frame = frame;
        cue.DisplayUnixNs = displayUnix;
        cue.Operator = op;
        cue.Cameras = cameras;
        // Serialised once for every node; each node's slot copies the bytes and adds its own fields when it writes.
        _sharedCue.Serialize(cue);
        var nodes = _registry.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Connection is { } connection && _barrier.Receives(i))
            {
                connection.Outbound.PostCue(_sharedCue);
            }
        }

        // Barrier: wait for every live node, at most until the deadline.
        var time = _clock.Time;
        while (true)
        {
            _readySignal.Reset();
            if (_barrier.IsComplete())
            {
                break;
            }

            var remaining = deadline - time.GetTimestamp();
            if (remaining <= 0 || _stop.IsCancellationRequested)
            {
                break;
            }

            var wait = (int)Math.Min(remaining * 1000 / _clock.Frequency, int.MaxValue);
            if (wait == 0)
            {
                Thread.SpinWait(20);
            }
            else
            {
                _readySignal.Wait(wait);
            }
        }

        var outcome = _barrier.Close();

        // Counted before the presents go out (they are written inline now, which takes a while with many nodes), so
        // that status never shows a node's new Lagging state without the miss that caused it.
        _figures.OnPresented(outcome.Missed);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Connection is { } connection && _barrier.Receives(i))
            {
                connection.Outbound.PostPresent(frame, outcome.Ready, outcome.Expected);
            }
        }

        var posted = time.GetTimestamp();
        var overheadNs = _clock.ToNs(posted - boundary);
        _figures.Overhead.Record(overheadNs);
        if (outcome.LastReadyTimestamp != 0)
        {
            _figures.ReadyToPresent.Record(_clock.ToNs(posted - outcome.LastReadyTimestamp));
        }

        _skewFrame = frame;
        if (CoordinatorTelemetry.FramesPresented.Enabled)
        {
            CoordinatorTelemetry.FramesPresented.Add(1);
        }

        if (outcome.Missed && CoordinatorTelemetry.FramesMissed.Enabled)
        {
            CoordinatorTelemetry.FramesMissed.Add(1);
        }

        if (CoordinatorTelemetry.Overhead.Enabled)
        {
            CoordinatorTelemetry.Overhead.Record(overheadNs / 1000.0);
        }

        activity?.SetTag("ready", outcome.Ready);
        activity?.SetTag("expected", outcome.Expected);
        Presented?.Invoke(outcome);
    }

    /// <summary>Skew of the last presented frame: the spread of the nodes' Present writes for it.</summary>
    private void RecordSkew()
    {
        var frame = _skewFrame;
        if (frame == long.MinValue)
        {
            return;
        }

        _skewFrame = long.MinValue;
        long first = long.MaxValue, last = long.MinValue;
        var nodes = _registry.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Connection is not { } connection)
            {
                continue;
            }

            var (written, ticks) = connection.Outbound.LastPresentWrite;
            if (written == frame)
            {
                first = Math.Min(first, ticks);
                last = Math.Max(last, ticks);
            }
        }

        if (last >= first)
        {
            var skewNs = _clock.ToNs(last - first);
            _figures.Skew.Record(skewNs);
            if (CoordinatorTelemetry.Skew.Enabled)
            {
                CoordinatorTelemetry.Skew.Record(skewNs / 1000.0);
            }
        }
    }

    /// <summary>Freeze: while frozen, the active camera keeps the state it had at <c>frozen_at_frame</c> (a private
    /// copy, taken when the freeze began).</summary>
    private void ApplyFreeze(OperatorState op, CameraState[] cameras)
    {
        if (!op.Freeze)
        {
            _frozenActive = false;
            return;
        }

        var index = _cameras.IndexOf(op.ActiveCamera);
        if (index < 0)
        {
            return;
        }

        if (!_frozenActive || _frozenAt != op.FrozenAtFrame || !string.Equals(_frozenName, op.ActiveCamera, StringComparison.Ordinal))
        {
            ProtoMapping.Copy(cameras[index], _frozen);
            _frozenActive = true;
            _frozenAt = op.FrozenAtFrame;
            _frozenName = op.ActiveCamera;
        }

        ProtoMapping.Copy(_frozen, cameras[index]);
    }
}
