using Google.Protobuf;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.Frames;

/// <summary>One camera's newest state, posted to every node's pose slot; immutable once posted. The state is serialised
/// once here, for all nodes (<see cref="NodeWire.Pose"/>).</summary>
/// <param name="CameraIndex">The camera's index in the stage config.</param>
/// <param name="State">The state (arrival_mono_ns filled); not to be changed once the item exists.</param>
/// <param name="ArrivalTimestamp">Stopwatch ticks of the datagram's arrival.</param>
internal sealed record PoseItem(int CameraIndex, CameraState State, long ArrivalTimestamp)
{
    /// <summary><see cref="State"/> serialised.</summary>
    public byte[] StateBytes { get; } = State.ToByteArray();
}
