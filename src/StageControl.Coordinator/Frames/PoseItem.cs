using StageControl.Protos.V1;

namespace StageControl.Coordinator.Frames;

/// <summary>One camera's newest state, posted to every node's pose slot; immutable once posted.</summary>
/// <param name="CameraIndex">The camera's index in the stage config.</param>
/// <param name="State">The state (arrival_mono_ns filled).</param>
/// <param name="ArrivalTimestamp">Stopwatch ticks of the datagram's arrival.</param>
internal sealed record PoseItem(int CameraIndex, CameraState State, long ArrivalTimestamp);
