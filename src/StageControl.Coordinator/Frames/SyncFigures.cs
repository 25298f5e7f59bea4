using StageControl.Coordinator.Telemetry;

namespace StageControl.Coordinator.Frames;

/// <summary>The frame loop's figures for status and benchmarks: counts and preallocated latency recorders.</summary>
internal sealed class SyncFigures
{
    private long _presented;
    private long _missed;
    private long _skipped;

    /// <summary>Spread of the Present writes across nodes, per frame.</summary>
    public LatencyRecorder Skew { get; } = new();

    /// <summary>Frame boundary → Present handed to the writers.</summary>
    public LatencyRecorder Overhead { get; } = new();

    /// <summary>Last in-time FrameReady → Present handed to the writers.</summary>
    public LatencyRecorder ReadyToPresent { get; } = new();

    /// <summary>Tracking arrival → PoseUpdate written to a node stream.</summary>
    public LatencyRecorder PoseLatency { get; } = new();

    /// <summary>Frames presented.</summary>
    public long Presented => Volatile.Read(ref _presented);

    /// <summary>Frames presented with a live node not ready.</summary>
    public long Missed => Volatile.Read(ref _missed);

    /// <summary>Frame boundaries the loop woke up too late for.</summary>
    public long Skipped => Volatile.Read(ref _skipped);

    /// <summary>Counts a presented frame.</summary>
    public void OnPresented(bool missed)
    {
        Interlocked.Increment(ref _presented);
        if (missed)
        {
            Interlocked.Increment(ref _missed);
        }
    }

    /// <summary>Counts skipped boundaries.</summary>
    public void OnSkipped(long frames) => Interlocked.Add(ref _skipped, frames);
}
