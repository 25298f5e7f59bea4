namespace StageControl.Core.Projection;

/// <summary>The clip-space depth convention of a projection matrix (shared/notes/math.md §1, §2.2).</summary>
public enum DepthRange
{
    /// <summary>OpenGL / <c>glFrustum</c>: z_ndc ∈ [−1, 1]; depth row [0, 0, −(f+n)/(f−n), −2fn/(f−n)].</summary>
    MinusOneToOne = 0,

    /// <summary>Direct3D / System.Numerics / Vulkan: z_ndc ∈ [0, 1]; depth row [0, 0, −f/(f−n), −fn/(f−n)].</summary>
    ZeroToOne = 1,
}
