namespace StageControl.Core.Projection;

/// <summary>Human-readable reasons for <see cref="ProjectionError"/> values (constant strings, no formatting).</summary>
public static class ProjectionErrors
{
    /// <summary>A one-line reason for <paramref name="error"/>, suitable for a CLI message.</summary>
    public static string Describe(this ProjectionError error) => error switch
    {
        ProjectionError.None => "no error",
        ProjectionError.NonFiniteCorner => "a screen corner is not a finite point",
        ProjectionError.DegenerateCorners => "the corners are degenerate: pa, pb and pc must be distinct and not collinear",
        ProjectionError.SkewedCorners => "the corners are skewed: pa->pb and pa->pc must be perpendicular (|vr.vu| > epsilon)",
        ProjectionError.NonFiniteEye => "the eye is not a finite point",
        ProjectionError.EyeNotInFront => "the eye is on or behind the screen plane (d <= 0); it must be on the side the screen faces",
        ProjectionError.NearNotPositive => "near must be a finite number greater than 0",
        ProjectionError.FarNotBeyondNear => "far must be a finite number greater than near",
        ProjectionError.InvalidCameraOptics => "sensor width, sensor height and focal length must be finite and greater than 0",
        ProjectionError.InvalidOrientation => "the camera pose must be finite and its orientation a unit quaternion",
        ProjectionError.InvalidTangents => "frustum tangents must be finite with left < right and bottom < top",
        _ => "unknown projection error",
    };
}
