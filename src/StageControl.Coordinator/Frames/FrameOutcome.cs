namespace StageControl.Coordinator.Frames;

/// <summary>What the barrier decided for one frame when it closed.</summary>
/// <param name="Frame">The frame index.</param>
/// <param name="Ready">Live nodes that were ready in time.</param>
/// <param name="Expected">Live nodes the barrier waited for.</param>
/// <param name="Missed">True when a live node was not ready at the deadline.</param>
/// <param name="LastReadyTimestamp">Stopwatch ticks of the last in-time FrameReady, or 0 when none.</param>
internal readonly record struct FrameOutcome(long Frame, int Ready, int Expected, bool Missed, long LastReadyTimestamp);
