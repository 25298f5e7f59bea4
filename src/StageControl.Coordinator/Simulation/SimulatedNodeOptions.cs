namespace StageControl.Coordinator.Simulation;

/// <summary>Settings of a <see cref="SimulatedNode"/>.</summary>
public sealed class SimulatedNodeOptions
{
    /// <summary>Simulated render time between a cue and its FrameReady (zero: answer at once).</summary>
    public TimeSpan RenderTime { get; set; }

    /// <summary>Arrivals kept in <see cref="SimulatedNode.PresentArrivals"/> and <see cref="SimulatedNode.PoseArrivals"/>
    /// (preallocated; recording stops when full).</summary>
    public int RecordCapacity { get; init; } = 4096;

    /// <summary>Renderer text sent in Join.</summary>
    public string Renderer { get; init; } = "simulated";
}
