using System.Numerics;
using StageControl.Core.Projection;

namespace StageControl.Render;

/// <summary>
/// Everything the backend needs to draw one panel for one frame, computed by <see cref="StageRenderer"/> from the maths
/// in StageControl.Core (no GL types). Matrices are column-major floats (GL's memory order for column vectors), so they
/// upload with transpose = false. Reused from frame to frame: filling it allocates nothing.
/// </summary>
internal sealed class PanelPass
{
    /// <summary>Panel width in pixels.</summary>
    public int Width { get; set; }

    /// <summary>Panel height in pixels.</summary>
    public int Height { get; set; }

    /// <summary>Outer frustum: the panel's Kooima projection P·Mᵀ·T from the outer eye (GL depth).</summary>
    public float[] OuterViewProjection { get; } = new float[16];

    /// <summary>The outer eye, stage space.</summary>
    public Vector3 OuterEye { get; set; }

    /// <summary>True when the active camera's inner frustum covers this panel.</summary>
    public bool HasInner { get; set; }

    /// <summary>Inner frustum: the panel's Kooima projection from the camera's entrance pupil.</summary>
    public float[] InnerViewProjection { get; } = new float[16];

    /// <summary>The camera's entrance pupil.</summary>
    public Vector3 InnerEye { get; set; }

    /// <summary>The camera's own view-projection with overscan (stage → clip), for the per-pixel footprint test.</summary>
    public float[] CameraViewProjection { get; } = new float[16];

    /// <summary>pa, the stage position of the panel's lower-left corner.</summary>
    public Vector3 Corner { get; set; }

    /// <summary>pb − pa.</summary>
    public Vector3 EdgeU { get; set; }

    /// <summary>pc − pa.</summary>
    public Vector3 EdgeV { get; set; }

    /// <summary>Soft-edge ramp width, fraction of the inner frustum (0 = hard).</summary>
    public float SoftEdge { get; set; }

    /// <summary>Chroma-key fill.</summary>
    public ChromaKey ChromaKey { get; set; }

    /// <summary>Pixels the inner pass may touch (the coverage rectangle from <c>InnerFrustum.Cover</c>, grown by 1 px).</summary>
    public PixelRect InnerRect { get; set; }

    /// <summary>Converts a row-major GL-convention matrix to column-major floats.</summary>
    public static void ToColumnMajor(ReadOnlySpan<double> rowMajor, float[] destination)
    {
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                destination[(c * 4) + r] = (float)rowMajor[(r * 4) + c];
            }
        }
    }
}
