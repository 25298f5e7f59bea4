namespace StageControl.Coordinator;

/// <summary>What a <see cref="SyncWindow"/> measured.</summary>
/// <param name="Seconds">Length of the window.</param>
/// <param name="FramesPresented">Frames presented in the window.</param>
/// <param name="FramesMissed">Of those, frames presented without every live node ready (barrier deadline passed).</param>
/// <param name="TrackingSamples">Tracking samples decoded on every tracking port.</param>
/// <param name="PoseLatencyP99Us">p99 of tracking arrival → pose written to the node streams, µs (0 when none).</param>
/// <param name="BarrierSkewP99Us">p99 of the spread between the first and last Present written, µs (0 when none).</param>
public sealed record SyncWindowFigures(
    double Seconds,
    long FramesPresented,
    long FramesMissed,
    long TrackingSamples,
    double PoseLatencyP99Us,
    double BarrierSkewP99Us);
