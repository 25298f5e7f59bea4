namespace StageControl.Coordinator.Frames;

/// <summary>Where one node stands with the frame barrier (mirrors <c>stagecontrol.v1.NodeState</c>).</summary>
public enum NodeBarrierState
{
    /// <summary>In the stage config, never connected.</summary>
    Offline = 1,

    /// <summary>Joined, waiting for its first frame boundary.</summary>
    Joining = 2,

    /// <summary>In the barrier.</summary>
    Live = 3,

    /// <summary>Connected but out of the barrier after missing deadlines.</summary>
    Lagging = 4,

    /// <summary>Was connected, stream ended.</summary>
    Disconnected = 5,
}
