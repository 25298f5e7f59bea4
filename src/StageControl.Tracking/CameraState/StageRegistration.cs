using StageControl.Core.Calibration;
using StageControl.Core.Geometry;

namespace StageControl.Tracking.CameraState;

/// <summary>
/// The registration hook of a camera state: tracker → stage similarity (math.md §8), applied to every evaluated pose as
/// p' = c·R·p + t and q' = R ⊗ q (R as a quaternion, so the camera turns with the stage frame; the scale does not
/// change an orientation).
/// </summary>
public readonly record struct StageRegistration
{
    /// <summary>A registration from its parts; <paramref name="rotation"/> must be a proper rotation.</summary>
    public StageRegistration(Mat3 rotation, Vec3 translation, double scale)
    {
        Rotation = rotation;
        RotationQuat = QuatMath.FromMatrix(rotation);
        Translation = translation;
        Scale = scale;
    }

    /// <summary>The identity (no registration).</summary>
    public static StageRegistration Identity => new(Mat3.Identity, Vec3.Zero, 1.0);

    /// <summary>Rotation R (row-major, column vectors).</summary>
    public Mat3 Rotation { get; }

    /// <summary>R as a unit quaternion.</summary>
    public Quat RotationQuat { get; }

    /// <summary>Translation t, metres.</summary>
    public Vec3 Translation { get; }

    /// <summary>Scale c.</summary>
    public double Scale { get; }

    /// <summary>The hook for a solved registration (<c>stagectl calibrate</c> result).</summary>
    public static StageRegistration FromResult(RegistrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new StageRegistration(result.Rotation, result.Translation, result.Scale);
    }

    /// <summary>c·R·p + t.</summary>
    public Vec3 ApplyPosition(Vec3 p) => (Scale * (Rotation * p)) + Translation;

    /// <summary>R ⊗ q.</summary>
    public Quat ApplyOrientation(Quat q) => (RotationQuat * q).Normalized();
}
