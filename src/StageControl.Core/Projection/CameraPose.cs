using StageControl.Core.Geometry;

namespace StageControl.Core.Projection;

/// <summary>
/// A tracked camera pose in stage space (shared/notes/math.md §1, §3.2, §9.2). The camera frame looks down −Z with
/// +Y up and +X right; <see cref="Orientation"/> (a unit quaternion, (w, x, y, z)) rotates camera-frame vectors
/// into stage space: v_stage = q ⊗ v_cam ⊗ q*. <see cref="Position"/> is the tracked point (the nominal image plane);
/// <see cref="EntrancePupilOffset"/> is OpenTrackIO's <c>lens.entrancePupilOffset</c>: metres along the optical axis
/// from that point, positive toward the subject [R36].
/// </summary>
/// <param name="Position">p, the tracked position, metres.</param>
/// <param name="Orientation">q, camera → stage rotation.</param>
/// <param name="EntrancePupilOffset">e, metres, positive toward the subject.</param>
public readonly record struct CameraPose(Vec3 Position, Quat Orientation, double EntrancePupilOffset = 0)
{
    /// <summary>
    /// The entrance pupil (no-parallax point), the eye for every projection of this camera (math.md §9.2):
    /// pe = p + q ⊗ (0, 0, −e) ⊗ q*.
    /// </summary>
    public Vec3 EntrancePupil => Position + Orientation.Rotate(new Vec3(0, 0, -EntrancePupilOffset));

    /// <summary>The viewing direction in stage space, q ⊗ (0, 0, −1) ⊗ q*.</summary>
    public Vec3 Forward => Orientation.Rotate(new Vec3(0, 0, -1));

    /// <summary>The camera's up direction in stage space, q ⊗ (0, 1, 0) ⊗ q*.</summary>
    public Vec3 Up => Orientation.Rotate(Vec3.UnitY);

    /// <summary>The camera's right direction in stage space, q ⊗ (1, 0, 0) ⊗ q*.</summary>
    public Vec3 Right => Orientation.Rotate(Vec3.UnitX);

    /// <summary>True when the position and offset are finite and the orientation is a finite unit quaternion
    /// (|‖q‖ − 1| ≤ 1e−6).</summary>
    public bool IsValid =>
        Position.IsFinite && double.IsFinite(EntrancePupilOffset) &&
        double.IsFinite(Orientation.W) && double.IsFinite(Orientation.X) &&
        double.IsFinite(Orientation.Y) && double.IsFinite(Orientation.Z) &&
        Math.Abs(Orientation.Length - 1) <= 1e-6;
}
