// The inner (ICVFX camera) frustum for one frame: its view and projection matrices for the renderer, its footprint on
// a flat wall and the panels/pixels it covers (shared/notes/math.md §3, §9.2).
using StageControl.Core.Geometry;

namespace StageControl.Core.Projection;

/// <summary>
/// The inner frustum of a tracked camera for one frame: the pose (eye = entrance pupil, math.md §9.2) and the
/// frustum tangents (with any overscan already applied, see <see cref="Overscan"/>).
/// <para>
/// Conventions: stage space right-handed, +Y up; the camera frame looks down −Z with +Y up, and the orientation
/// rotates camera-frame vectors into stage space (D = q ⊗ d ⊗ q*). Corner rays are d = (x, y, −1) with x ∈ {l, r},
/// y ∈ {b, t}, ordered LB, RB, RT, LT. Matrices are in GL form (row-major, column vectors) unless a
/// <see cref="DepthRange"/> says otherwise. A value type: building one per frame allocates nothing, and neither do
/// <see cref="WriteView"/>, <see cref="TryWriteProjection"/>, <see cref="TryGetFootprint"/> or <see cref="Cover"/>.
/// </para>
/// </summary>
public readonly struct InnerFrustum
{
    private readonly Vec3 _dirLeftBottom;
    private readonly Vec3 _dirRightBottom;
    private readonly Vec3 _dirRightTop;
    private readonly Vec3 _dirLeftTop;

    private InnerFrustum(Vec3 pupil, Quat orientation, FrustumTangents tangents)
    {
        Pupil = pupil;
        Orientation = orientation;
        Tangents = tangents;
        _dirLeftBottom = orientation.Rotate(new Vec3(tangents.Left, tangents.Bottom, -1));
        _dirRightBottom = orientation.Rotate(new Vec3(tangents.Right, tangents.Bottom, -1));
        _dirRightTop = orientation.Rotate(new Vec3(tangents.Right, tangents.Top, -1));
        _dirLeftTop = orientation.Rotate(new Vec3(tangents.Left, tangents.Top, -1));
    }

    /// <summary>C, the entrance pupil in stage space: the eye of every ray and matrix.</summary>
    public Vec3 Pupil { get; }

    /// <summary>q, camera → stage.</summary>
    public Quat Orientation { get; }

    /// <summary>The frustum, tangents at unit distance.</summary>
    public FrustumTangents Tangents { get; }

    /// <summary>
    /// Builds the frame's frustum: eye = <see cref="CameraPose.EntrancePupil"/>. Fails with
    /// <see cref="ProjectionError.InvalidOrientation"/> (non-finite pose or non-unit quaternion) or
    /// <see cref="ProjectionError.InvalidTangents"/>.
    /// </summary>
    public static bool TryCreate(CameraPose pose, FrustumTangents tangents, out InnerFrustum frustum, out ProjectionError error)
    {
        frustum = default;
        if (!pose.IsValid)
        {
            error = ProjectionError.InvalidOrientation;
            return false;
        }

        if (!tangents.IsValid)
        {
            error = ProjectionError.InvalidTangents;
            return false;
        }

        frustum = new InnerFrustum(pose.EntrancePupil, pose.Orientation, tangents);
        error = ProjectionError.None;
        return true;
    }

    /// <summary>Corner ray direction in stage space (not normalised), index 0..3 = LB, RB, RT, LT.</summary>
    public Vec3 CornerDirection(int index) => index switch
    {
        0 => _dirLeftBottom,
        1 => _dirRightBottom,
        2 => _dirRightTop,
        3 => _dirLeftTop,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>
    /// Writes the view matrix (stage → camera frame) into <paramref name="rowMajor"/>: [Rᵀ | −Rᵀ·C] with R the
    /// rotation of q, GL form (row-major, column vectors).
    /// </summary>
    public void WriteView(Span<double> rowMajor)
    {
        if (rowMajor.Length < 16)
        {
            throw new ArgumentException("The destination needs 16 values.", nameof(rowMajor));
        }

        // The rows of Rᵀ are the camera axes expressed in stage space.
        var x = Orientation.Rotate(Vec3.UnitX);
        var y = Orientation.Rotate(Vec3.UnitY);
        var z = Orientation.Rotate(Vec3.UnitZ);
        WriteRow(rowMajor, 0, x, -Vec3.Dot(x, Pupil));
        WriteRow(rowMajor, 4, y, -Vec3.Dot(y, Pupil));
        WriteRow(rowMajor, 8, z, -Vec3.Dot(z, Pupil));
        rowMajor[12] = 0;
        rowMajor[13] = 0;
        rowMajor[14] = 0;
        rowMajor[15] = 1;
    }

    /// <summary>The view matrix as a <see cref="Mat4"/> (allocates).</summary>
    public Mat4 GetView()
    {
        Span<double> m = stackalloc double[16];
        WriteView(m);
        return new Mat4(m);
    }

    /// <summary>
    /// Writes the off-centre projection (near-plane window = tangents · n) for the renderer into
    /// <paramref name="rowMajor"/>. Fails with <see cref="ProjectionError.NearNotPositive"/> or
    /// <see cref="ProjectionError.FarNotBeyondNear"/>.
    /// </summary>
    public bool TryWriteProjection(double near, double far, DepthRange depth, Span<double> rowMajor, out ProjectionError error)
    {
        if (rowMajor.Length < 16)
        {
            throw new ArgumentException("The destination needs 16 values.", nameof(rowMajor));
        }

        error = ValidateDepth(near, far);
        if (error != ProjectionError.None)
        {
            return false;
        }

        Tangents.ToExtents(near, far).WritePerspective(depth, rowMajor);
        return true;
    }

    /// <summary>The projection as a <see cref="Mat4"/> (allocates).</summary>
    public bool TryGetProjection(double near, double far, DepthRange depth, out Mat4 projection, out ProjectionError error)
    {
        Span<double> m = stackalloc double[16];
        if (!TryWriteProjection(near, far, depth, m, out error))
        {
            projection = default;
            return false;
        }

        projection = new Mat4(m);
        return true;
    }

    /// <summary>Writes projection · view (stage → clip), the matrix nDisplay's per-pixel test uses [R4].</summary>
    public bool TryWriteViewProjection(double near, double far, DepthRange depth, Span<double> rowMajor, out ProjectionError error)
    {
        Span<double> p = stackalloc double[16];
        Span<double> v = stackalloc double[16];
        if (!TryWriteProjection(near, far, depth, p, out error))
        {
            return false;
        }

        WriteView(v);
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                double s = 0;
                for (var k = 0; k < 4; k++)
                {
                    s += p[(i * 4) + k] * v[(k * 4) + j];
                }

                rowMajor[(i * 4) + j] = s;
            }
        }

        return true;
    }

    /// <summary>
    /// The footprint on a flat wall (math.md §3.2 steps 1–3): where the four corner rays from the pupil hit the wall,
    /// in stage, wall and pixel coordinates. False when any ray misses (parallel, pointing away, or the wall is
    /// behind the camera); then use <see cref="Cover"/>, which falls back to clip space.
    /// </summary>
    public bool TryGetFootprint(FlatWall wall, out WallFootprint footprint)
    {
        footprint = default;
        if (!TryCorner(wall, _dirLeftBottom, out var lb) || !TryCorner(wall, _dirRightBottom, out var rb) ||
            !TryCorner(wall, _dirRightTop, out var rt) || !TryCorner(wall, _dirLeftTop, out var lt))
        {
            return false;
        }

        footprint = new WallFootprint(lb, rb, rt, lt);
        return true;
    }

    /// <summary>
    /// Whether this frustum covers <paramref name="panel"/> (any flat panel: wall, curved-wall column, ceiling) and
    /// the pixel rectangle it covers, clipped to the panel (math.md §3.2 step 4).
    /// <list type="bullet">
    /// <item>Camera on or behind the panel plane: not covered (<see cref="CoverageTest.BackFacing"/>).</item>
    /// <item>All four corner rays hit the panel plane: the keystoned quad is tested against the panel rectangle with a
    /// separating-axis test (exact; a bounding box would over-claim); the pixel rectangle bounds the quad clipped to the
    /// panel.</item>
    /// <item>Otherwise the footprint has no finite outline: the panel corners go to the camera frame and the panel is
    /// rejected only when all four fail the same clip plane (left, right, bottom, top, or behind the pupil). The pixel
    /// rectangle bounds the panel clipped to the frustum pyramid, or is the whole panel when that clip is empty
    /// (conservative).</item>
    /// </list>
    /// Panels are treated as rectangles (pa, pb, pc perpendicular, as Kooima requires). Allocation-free.
    /// </summary>
    public PanelCoverage Cover(PanelQuad panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var wall = FlatWall.FromPanel(panel);
        if (!(Vec3.Dot(Pupil - panel.LowerLeft, wall.Normal) > 0))
        {
            return new PanelCoverage(false, CoverageTest.BackFacing, default);
        }

        double w = panel.Width, h = panel.Height;
        Span<double> quad = stackalloc double[8];
        var allHit = true;
        for (var i = 0; i < 4 && allHit; i++)
        {
            if (wall.TryIntersect(Pupil, CornerDirection(i), out var hit))
            {
                var (u, v) = wall.ToWall(hit);
                quad[2 * i] = u;
                quad[(2 * i) + 1] = v;
            }
            else
            {
                allHit = false;
            }
        }

        return allHit ? CoverBySeparatingAxis(panel, quad, w, h) : CoverInClipSpace(panel, w, h);
    }

    private static PanelCoverage CoverBySeparatingAxis(PanelQuad panel, ReadOnlySpan<double> quad, double w, double h)
    {
        if (!ConvexClip.OverlapsRectangle(quad, w, h))
        {
            return new PanelCoverage(false, CoverageTest.SeparatingAxis, default);
        }

        // Clip the quad to the panel rectangle; vertices are homogeneous (u, v, 1) so that u ≤ w is (−1, 0, w)·v ≥ 0.
        Span<double> a = stackalloc double[3 * 9];
        Span<double> b = stackalloc double[3 * 9];
        for (var i = 0; i < 4; i++)
        {
            a[3 * i] = quad[2 * i];
            a[(3 * i) + 1] = quad[(2 * i) + 1];
            a[(3 * i) + 2] = 1;
        }

        var n = ConvexClip.ClipHalfSpace(a, 4, 3, 1, 0, 0, b);
        n = ConvexClip.ClipHalfSpace(b, n, 3, -1, 0, w, a);
        n = ConvexClip.ClipHalfSpace(a, n, 3, 0, 1, 0, b);
        n = ConvexClip.ClipHalfSpace(b, n, 3, 0, -1, h, a);
        var rect = Bounds(panel, a, n, 3, 0, w, h);
        return new PanelCoverage(true, CoverageTest.SeparatingAxis, rect);
    }

    private PanelCoverage CoverInClipSpace(PanelQuad panel, double w, double h)
    {
        // Vertices (x, y, w, u, v): camera-frame position with w = −z (distance ahead), plus panel coordinates.
        const int Stride = 5;
        Span<double> a = stackalloc double[Stride * 10];
        Span<double> b = stackalloc double[Stride * 10];
        var inverse = Orientation.Conjugate();
        var t = Tangents;
        var failAll = 0x1F;
        for (var i = 0; i < 4; i++)
        {
            // Corner order pa, pb, pd, pc (a closed loop).
            double u = i is 1 or 2 ? w : 0;
            double v = i >= 2 ? h : 0;
            var corner = i switch
            {
                0 => panel.LowerLeft,
                1 => panel.LowerRight,
                2 => panel.UpperRight,
                _ => panel.UpperLeft,
            };
            var p = inverse.Rotate(corner - Pupil);
            double x = p.X, y = p.Y, depth = -p.Z;
            var fails = 0;
            fails |= x < t.Left * depth ? 1 : 0;
            fails |= x > t.Right * depth ? 2 : 0;
            fails |= y < t.Bottom * depth ? 4 : 0;
            fails |= y > t.Top * depth ? 8 : 0;
            fails |= depth <= 0 ? 16 : 0;
            failAll &= fails;
            var dst = a.Slice(i * Stride, Stride);
            dst[0] = x;
            dst[1] = y;
            dst[2] = depth;
            dst[3] = u;
            dst[4] = v;
        }

        if (failAll != 0)
        {
            return new PanelCoverage(false, CoverageTest.ClipSpace, default);
        }

        // Clip the panel to the pyramid l·w ≤ x ≤ r·w, b·w ≤ y ≤ t·w, w ≥ 0 for its pixel rectangle.
        var n = ConvexClip.ClipHalfSpace(a, 4, Stride, 1, 0, -t.Left, b);
        n = ConvexClip.ClipHalfSpace(b, n, Stride, -1, 0, t.Right, a);
        n = ConvexClip.ClipHalfSpace(a, n, Stride, 0, 1, -t.Bottom, b);
        n = ConvexClip.ClipHalfSpace(b, n, Stride, 0, -1, t.Top, a);
        n = ConvexClip.ClipHalfSpace(a, n, Stride, 0, 0, 1, b);
        var rect = n >= 3 ? Bounds(panel, b, n, Stride, 3, w, h) : default;
        if (rect.IsEmpty)
        {
            rect = new PixelRect(0, 0, panel.PixelsX, panel.PixelsY);
        }

        return new PanelCoverage(true, CoverageTest.ClipSpace, rect);
    }

    /// <summary>Pixel rectangle bounding the (u, v) of a polygon, rounded outward and clamped to the panel.</summary>
    private static PixelRect Bounds(PanelQuad panel, ReadOnlySpan<double> vertices, int count, int stride, int uIndex, double w, double h)
    {
        double uMin = double.PositiveInfinity, uMax = double.NegativeInfinity;
        double vMin = double.PositiveInfinity, vMax = double.NegativeInfinity;
        for (var i = 0; i < count; i++)
        {
            var u = vertices[(i * stride) + uIndex];
            var v = vertices[(i * stride) + uIndex + 1];
            uMin = Math.Min(uMin, u);
            uMax = Math.Max(uMax, u);
            vMin = Math.Min(vMin, v);
            vMax = Math.Max(vMax, v);
        }

        if (count == 0)
        {
            return default;
        }

        return new PixelRect(
            ToPixel(Math.Floor(uMin / w * panel.PixelsX), panel.PixelsX),
            ToPixel(Math.Floor(vMin / h * panel.PixelsY), panel.PixelsY),
            ToPixel(Math.Ceiling(uMax / w * panel.PixelsX), panel.PixelsX),
            ToPixel(Math.Ceiling(vMax / h * panel.PixelsY), panel.PixelsY));
    }

    private static int ToPixel(double value, int max) => (int)Math.Clamp(value, 0, max);

    private bool TryCorner(FlatWall wall, Vec3 direction, out FootprintCorner corner)
    {
        if (!wall.TryIntersect(Pupil, direction, out var hit))
        {
            corner = default;
            return false;
        }

        var (u, v) = wall.ToWall(hit);
        corner = new FootprintCorner(hit, u, v, u / wall.PitchU, v / wall.PitchV);
        return true;
    }

    private static void WriteRow(Span<double> m, int offset, Vec3 axis, double translation)
    {
        m[offset] = axis.X;
        m[offset + 1] = axis.Y;
        m[offset + 2] = axis.Z;
        m[offset + 3] = translation;
    }

    private static ProjectionError ValidateDepth(double near, double far)
    {
        if (!double.IsFinite(near) || !(near > 0))
        {
            return ProjectionError.NearNotPositive;
        }

        return double.IsFinite(far) && far > near ? ProjectionError.None : ProjectionError.FarNotBeyondNear;
    }
}
