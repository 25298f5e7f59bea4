using StageControl.Protos.V1;

namespace StageControl.Coordinator.Frames;

/// <summary>What the frame loop asks of the federation link each frame (shared/DESIGN.md "Remote stages").</summary>
internal interface IRemoteStage
{
    /// <summary>Called on the frame loop with the local cameras evaluated for <paramref name="frame"/> and the operator
    /// state in force: sends them to the linked sites (stamped with the frame) and returns the cameras to cue: the local
    /// ones followed by the remote ones ("site/camera") due at this frame. Must be quick and must not throw.</summary>
    CameraState[] OnCue(long frame, CameraState[] local, OperatorState op);
}
