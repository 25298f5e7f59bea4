using StageControl.Protos.V1;

namespace StageControl.Coordinator.Frames;

/// <summary>
/// What the frame loop computed for one frame, shared by every node's writer: immutable once posted (the writers only
/// read it while serialising their own <see cref="FrameCue"/>).
/// </summary>
/// <param name="Frame">Frame index.</param>
/// <param name="DisplayUnixNs">The instant the frame is shown, Unix ns.</param>
/// <param name="Cameras">Every camera evaluated for that instant (config order).</param>
/// <param name="Operator">The operator state in force for the frame.</param>
internal sealed record CueFrame(long Frame, long DisplayUnixNs, CameraState[] Cameras, OperatorState Operator);
