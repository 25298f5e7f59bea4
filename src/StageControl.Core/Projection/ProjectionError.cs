namespace StageControl.Core.Projection;

/// <summary>
/// Why a projection could not be built. <see cref="None"/> means success. The per-frame APIs report these
/// through <c>Try…</c> methods instead of throwing (shared/STYLE.md "Hot-path rules"); turn one into text with
/// <see cref="ProjectionErrors.Describe"/>.
/// </summary>
public enum ProjectionError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>A screen corner has a NaN or infinite component.</summary>
    NonFiniteCorner,

    /// <summary>The corners do not span a plane: pb = pa, pc = pa, or pa, pb, pc collinear.</summary>
    DegenerateCorners,

    /// <summary>The edges pa→pb and pa→pc are not perpendicular: |vr·vu| &gt; ε (shared/notes/math.md §2.1).</summary>
    SkewedCorners,

    /// <summary>The eye has a NaN or infinite component.</summary>
    NonFiniteEye,

    /// <summary>The eye is in or behind the screen plane: d = −(vn·(pa − pe)) ≤ 0 (math.md §2.1).</summary>
    EyeNotInFront,

    /// <summary>The near distance is not a finite number greater than 0.</summary>
    NearNotPositive,

    /// <summary>The far distance is not a finite number greater than the near distance.</summary>
    FarNotBeyondNear,

    /// <summary>A camera description (sensor size, focal length) is not finite and positive.</summary>
    InvalidCameraOptics,

    /// <summary>A camera pose is not finite, or its orientation is not a unit quaternion.</summary>
    InvalidOrientation,

    /// <summary>Frustum tangents are not finite, or left ≥ right, or bottom ≥ top.</summary>
    InvalidTangents,
}
