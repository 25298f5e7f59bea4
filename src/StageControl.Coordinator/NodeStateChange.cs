using StageControl.Coordinator.Frames;

namespace StageControl.Coordinator;

/// <summary>A render node changed state (joined, went live, lagged, left).</summary>
/// <param name="Node">The node's name.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state now.</param>
public readonly record struct NodeStateChange(string Node, NodeBarrierState From, NodeBarrierState To);
