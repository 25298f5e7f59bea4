using StageControl.Core.Geometry;
using StageControl.Core.Projection;

namespace StageControl.Render;

/// <summary>
/// One tracked camera as a frame cue carries it (protos/stagecontrol/v1/common.proto <c>CameraState</c>): the entrance
/// pupil in stage space (the eye of the inner frustum, shared/notes/math.md §9.2), the orientation (camera frame looks
/// down −Z, +Y up; q rotates camera → stage) and the full nominal fields of view in degrees (no overscan).
/// </summary>
/// <param name="Name">The camera's name in the stage config.</param>
/// <param name="Pupil">Entrance pupil, stage metres.</param>
/// <param name="Orientation">Camera → stage rotation, a unit quaternion.</param>
/// <param name="HorizontalFovDegrees">Full horizontal field of view.</param>
/// <param name="VerticalFovDegrees">Full vertical field of view.</param>
/// <param name="Valid">False when the coordinator has no usable tracking for it: no inner frustum is drawn.</param>
public sealed record RenderCamera(string Name, Vec3 Pupil, Quat Orientation, double HorizontalFovDegrees, double VerticalFovDegrees, bool Valid = true)
{
    /// <summary>A camera from a pose (its entrance pupil is the eye) and pinhole optics.</summary>
    public static RenderCamera FromPose(string name, CameraPose pose, CameraOptics optics) =>
        new(name, pose.EntrancePupil, pose.Orientation, optics.HorizontalFovDegrees, optics.VerticalFovDegrees, pose.IsValid && optics.IsValid);

    /// <summary>The nominal frustum tangents, tan(fov/2) each side.</summary>
    public FrustumTangents Tangents => FrustumTangents.Symmetric(
        Math.Tan(double.DegreesToRadians(HorizontalFovDegrees) / 2), Math.Tan(double.DegreesToRadians(VerticalFovDegrees) / 2));
}
