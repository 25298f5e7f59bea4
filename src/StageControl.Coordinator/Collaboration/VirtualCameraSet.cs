using StageControl.Protos.V1;

namespace StageControl.Coordinator.Collaboration;

/// <summary>The virtual cameras as published by <see cref="CollaboratorStore"/>, and for each (same index) the
/// coordinator's monotonic timestamp of its last SetVirtualCamera. Immutable once published.</summary>
internal sealed record VirtualCameraSet(CameraState[] Cameras, long[] UpdatedTimestamps)
{
    /// <summary>No virtual cameras.</summary>
    public static VirtualCameraSet Empty { get; } = new([], []);
}
