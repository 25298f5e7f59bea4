// Sync figures over a window of the run (e.g. from the moment every node is live), for stagectl demo's summary: the
// status snapshot's figures count from start-up, when nodes join at different times.
using StageControl.Coordinator.Hosting;
using StageControl.Coordinator.Telemetry;

namespace StageControl.Coordinator;

/// <summary>
/// A mark taken by <see cref="CoordinatorHost.StartSyncWindow"/>: <see cref="Read"/> gives the frames presented and
/// missed, the tracking samples ingested and the p99 of the barrier skew and the pose latency recorded since the mark
/// (from copies of the loop's histograms, so the coordinator's own figures are left alone).
/// </summary>
public sealed class SyncWindow
{
    private readonly CoordinatorRuntime _runtime;
    private readonly long _presented;
    private readonly long _missed;
    private readonly long _samples;
    private readonly long[] _skew;
    private readonly long[] _latency;
    private readonly long _started;

    internal SyncWindow(CoordinatorRuntime runtime)
    {
        _runtime = runtime;
        var figures = runtime.Figures;
        _started = runtime.Clock.Time.GetTimestamp();
        _presented = figures.Presented;
        _missed = figures.Missed;
        _samples = TrackingSamples(runtime);
        _skew = figures.Skew.CopyCounts();
        _latency = figures.PoseLatency.CopyCounts();
    }

    /// <summary>The figures from the mark until now.</summary>
    public SyncWindowFigures Read()
    {
        var figures = _runtime.Figures;
        var seconds = _runtime.Clock.Time.GetElapsedTime(_started).TotalSeconds;
        return new SyncWindowFigures(
            seconds,
            figures.Presented - _presented,
            figures.Missed - _missed,
            TrackingSamples(_runtime) - _samples,
            LatencyRecorder.QuantileBetween(_latency, figures.PoseLatency.CopyCounts(), 0.99) / 1000.0,
            LatencyRecorder.QuantileBetween(_skew, figures.Skew.CopyCounts(), 0.99) / 1000.0);
    }

    private static long TrackingSamples(CoordinatorRuntime runtime)
    {
        long samples = 0;
        foreach (var port in runtime.Ingests)
        {
            samples += port.Ingest.Samples;
        }

        return samples;
    }
}
