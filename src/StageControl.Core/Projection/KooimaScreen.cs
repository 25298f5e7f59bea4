// Kooima's generalized perspective projection for one flat screen (shared/notes/math.md §2; [R1] R. Kooima,
// "Generalized Perspective Projection"). The screen basis is built once per panel; only the eye changes per frame.
using System.Numerics;
using StageControl.Core.Geometry;

namespace StageControl.Core.Projection;

/// <summary>
/// One flat screen (an LED panel or a flat section) prepared for Kooima's off-axis projection.
/// <para>
/// Conventions (shared/notes/math.md §1, §2): stage space is right-handed, +Y up. The corners are
/// <b>pa</b> (lower left), <b>pb</b> (lower right), <b>pc</b> (upper left), all as seen from the viewer. The basis is
/// vr = normalize(pb − pa), vu = normalize(pc − pa), vn = normalize(vr × vu), with vn pointing out of the screen
/// toward the viewer. The result is P′ = P · Mᵀ · T, with Mᵀ the rotation whose rows are vr, vu, vn and T the
/// translation by −pe. In <b>GL form</b> P′ is written row-major and applied to column vectors
/// (clip = P′·[x y z 1]ᵀ) with z_ndc ∈ [−1, 1]; the <b>[0, 1] form</b> only replaces the depth row; the
/// <b>System.Numerics form</b> is a row-vector <see cref="Matrix4x4"/> whose fields are the transpose of the [0, 1] form.
/// </para>
/// <para>
/// The screen corners land on NDC (±1, ±1), the screen centre on (0, 0), and every screen point has the same depth.
/// Corner sets that are skewed (|vr·vu| &gt; ε) are rejected rather than silently sheared.
/// The per-frame methods (<see cref="TryComputeExtents"/>, <see cref="TryWriteProjection"/>,
/// <see cref="TryGetNumerics"/>) allocate nothing and report failures as a <see cref="ProjectionError"/>.
/// </para>
/// </summary>
public sealed class KooimaScreen
{
    /// <summary>Default tolerance for |vr·vu| (cosine of the corner angle): about 0.00006°.</summary>
    public const double DefaultSkewTolerance = 1e-6;

    private readonly Matrix4x4 _numericsRotation;

    private KooimaScreen(Vec3 pa, Vec3 pb, Vec3 pc, Vec3 vr, Vec3 vu, Vec3 vn)
    {
        LowerLeft = pa;
        LowerRight = pb;
        UpperLeft = pc;
        Right = vr;
        Up = vu;
        Normal = vn;

        // §2.2: R has vr, vu, vn as its columns (M11 = vr.x, M12 = vu.x, M13 = vn.x; M21 = vr.y, ...).
        _numericsRotation = new Matrix4x4(
            (float)vr.X, (float)vu.X, (float)vn.X, 0,
            (float)vr.Y, (float)vu.Y, (float)vn.Y, 0,
            (float)vr.Z, (float)vu.Z, (float)vn.Z, 0,
            0, 0, 0, 1);
    }

    /// <summary>pa, the lower-left corner.</summary>
    public Vec3 LowerLeft { get; }

    /// <summary>pb, the lower-right corner.</summary>
    public Vec3 LowerRight { get; }

    /// <summary>pc, the upper-left corner.</summary>
    public Vec3 UpperLeft { get; }

    /// <summary>pd = pb + pc − pa, the upper-right corner.</summary>
    public Vec3 UpperRight => LowerRight + UpperLeft - LowerLeft;

    /// <summary>vr, unit vector along pa→pb.</summary>
    public Vec3 Right { get; }

    /// <summary>vu, unit vector along pa→pc.</summary>
    public Vec3 Up { get; }

    /// <summary>vn = normalize(vr × vu), the unit normal toward the viewer.</summary>
    public Vec3 Normal { get; }

    /// <summary>Mᵀ: the rotation with rows vr, vu, vn (takes the screen into the XY plane).</summary>
    public Mat3 Rotation => new(Right.X, Right.Y, Right.Z, Up.X, Up.Y, Up.Z, Normal.X, Normal.Y, Normal.Z);

    /// <summary>
    /// Validates the corners and precomputes the basis. Fails with <see cref="ProjectionError.NonFiniteCorner"/>,
    /// <see cref="ProjectionError.DegenerateCorners"/> or <see cref="ProjectionError.SkewedCorners"/>.
    /// </summary>
    /// <param name="pa">Lower left, as seen from the viewer.</param>
    /// <param name="pb">Lower right.</param>
    /// <param name="pc">Upper left.</param>
    /// <param name="screen">The prepared screen, or null on failure.</param>
    /// <param name="error">Why it failed, or <see cref="ProjectionError.None"/>.</param>
    /// <param name="skewTolerance">ε for the |vr·vu| ≤ ε test.</param>
    public static bool TryCreate(Vec3 pa, Vec3 pb, Vec3 pc, out KooimaScreen? screen, out ProjectionError error,
        double skewTolerance = DefaultSkewTolerance)
    {
        screen = null;
        if (!pa.IsFinite || !pb.IsFinite || !pc.IsFinite)
        {
            error = ProjectionError.NonFiniteCorner;
            return false;
        }

        var er = pb - pa;
        var eu = pc - pa;
        double lr = er.Length, lu = eu.Length;
        if (!(lr > 0) || !(lu > 0) || !double.IsFinite(lr) || !double.IsFinite(lu))
        {
            error = ProjectionError.DegenerateCorners;
            return false;
        }

        var vr = er / lr;
        var vu = eu / lu;
        var cross = Vec3.Cross(vr, vu);
        var crossLength = cross.Length;

        // Collinear corners: sin of the corner angle is (numerically) zero.
        if (!(crossLength > 1e-12))
        {
            error = ProjectionError.DegenerateCorners;
            return false;
        }

        // Kooima normalises but does not orthogonalise; skew would add a silent shear (math.md §2.1 notes).
        if (Math.Abs(Vec3.Dot(vr, vu)) > skewTolerance)
        {
            error = ProjectionError.SkewedCorners;
            return false;
        }

        screen = new KooimaScreen(pa, pb, pc, vr, vu, cross / crossLength);
        error = ProjectionError.None;
        return true;
    }

    /// <summary>Like <see cref="TryCreate"/>, but throws <see cref="ArgumentException"/> with the reason.</summary>
    public static KooimaScreen Create(Vec3 pa, Vec3 pb, Vec3 pc, double skewTolerance = DefaultSkewTolerance)
    {
        if (!TryCreate(pa, pb, pc, out var screen, out var error, skewTolerance))
        {
            throw new ArgumentException($"Cannot build a Kooima screen: {error.Describe()}.");
        }

        return screen!;
    }

    /// <summary>Prepares a <see cref="PanelQuad"/> (its pa, pb, pc).</summary>
    public static bool TryFromPanel(PanelQuad panel, out KooimaScreen? screen, out ProjectionError error,
        double skewTolerance = DefaultSkewTolerance)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return TryCreate(panel.LowerLeft, panel.LowerRight, panel.UpperLeft, out screen, out error, skewTolerance);
    }

    /// <summary>
    /// Steps 2–4 of math.md §2.1: d = −(vn·(pa − pe)) and l = (vr·va)·n/d, r = (vr·vb)·n/d, b = (vu·va)·n/d,
    /// t = (vu·vc)·n/d. Fails with <see cref="ProjectionError.NearNotPositive"/>,
    /// <see cref="ProjectionError.FarNotBeyondNear"/>, <see cref="ProjectionError.NonFiniteEye"/> or
    /// <see cref="ProjectionError.EyeNotInFront"/>. Allocation-free.
    /// </summary>
    public bool TryComputeExtents(Vec3 eye, double near, double far, out FrustumExtents extents, out ProjectionError error)
    {
        extents = default;
        error = Validate(eye, near, far);
        if (error != ProjectionError.None)
        {
            return false;
        }

        var va = LowerLeft - eye;
        var vb = LowerRight - eye;
        var vc = UpperLeft - eye;
        var d = -Vec3.Dot(Normal, va);
        if (!(d > 0))
        {
            error = ProjectionError.EyeNotInFront;
            return false;
        }

        var s = near / d;
        extents = new FrustumExtents(
            Vec3.Dot(Right, va) * s,
            Vec3.Dot(Right, vb) * s,
            Vec3.Dot(Up, va) * s,
            Vec3.Dot(Up, vc) * s,
            near,
            far,
            d);
        return true;
    }

    /// <summary>
    /// Writes P′ = P · Mᵀ · T (math.md §2.1 step 7) into <paramref name="rowMajor"/>: 16 values, row-major, for
    /// column vectors, with the depth row of <paramref name="depth"/>. Allocation-free; on failure the
    /// destination is left untouched.
    /// </summary>
    /// <param name="eye">pe, the eye (for an inner camera: its entrance pupil, math.md §9.2).</param>
    /// <param name="near">n &gt; 0, measured along vn.</param>
    /// <param name="far">f &gt; n.</param>
    /// <param name="depth">GL [−1, 1] or [0, 1] depth.</param>
    /// <param name="rowMajor">Destination, at least 16 values.</param>
    /// <param name="extents">l, r, b, t, n, f and d.</param>
    /// <param name="error">Why it failed, or <see cref="ProjectionError.None"/>.</param>
    public bool TryWriteProjection(Vec3 eye, double near, double far, DepthRange depth, Span<double> rowMajor,
        out FrustumExtents extents, out ProjectionError error)
    {
        if (rowMajor.Length < 16)
        {
            throw new ArgumentException("The destination needs 16 values.", nameof(rowMajor));
        }

        if (!TryComputeExtents(eye, near, far, out extents, out error))
        {
            return false;
        }

        extents.PerspectiveTerms(depth, out var a, out var b, out var c, out var d, out var e, out var f);

        // Mᵀ·T = [vr, −vr·pe; vu, −vu·pe; vn, −vn·pe; 0 0 0 1]. Multiply by the sparse P row by row:
        // row0 = a·[vr|tr] + c·[vn|tn], row1 = b·[vu|tu] + d·[vn|tn], row2 = e·[vn|tn] + [0 0 0 f], row3 = −[vn|tn].
        Vec3 vr = Right, vu = Up, vn = Normal;
        var tr = -Vec3.Dot(vr, eye);
        var tu = -Vec3.Dot(vu, eye);
        var tn = -Vec3.Dot(vn, eye);

        rowMajor[0] = (a * vr.X) + (c * vn.X);
        rowMajor[1] = (a * vr.Y) + (c * vn.Y);
        rowMajor[2] = (a * vr.Z) + (c * vn.Z);
        rowMajor[3] = (a * tr) + (c * tn);

        rowMajor[4] = (b * vu.X) + (d * vn.X);
        rowMajor[5] = (b * vu.Y) + (d * vn.Y);
        rowMajor[6] = (b * vu.Z) + (d * vn.Z);
        rowMajor[7] = (b * tu) + (d * tn);

        rowMajor[8] = e * vn.X;
        rowMajor[9] = e * vn.Y;
        rowMajor[10] = e * vn.Z;
        rowMajor[11] = (e * tn) + f;

        rowMajor[12] = -vn.X;
        rowMajor[13] = -vn.Y;
        rowMajor[14] = -vn.Z;
        rowMajor[15] = -tn;
        return true;
    }

    /// <summary>
    /// P′ as a <see cref="Mat4"/> (GL convention type; allocates its 16 values — use
    /// <see cref="TryWriteProjection"/> on the per-frame path).
    /// </summary>
    public bool TryGetProjection(Vec3 eye, double near, double far, DepthRange depth, out Mat4 projection,
        out FrustumExtents extents, out ProjectionError error)
    {
        Span<double> m = stackalloc double[16];
        if (!TryWriteProjection(eye, near, far, depth, m, out extents, out error))
        {
            projection = default;
            return false;
        }

        projection = new Mat4(m);
        return true;
    }

    /// <summary>
    /// The System.Numerics form (math.md §2.2), built in single precision as
    /// <c>CreateTranslation(−pe) · R · CreatePerspectiveOffCenter(l, r, b, t, n, f)</c> with R the rotation whose
    /// columns are vr, vu, vn. For row vectors (v·M); its fields are the transpose of the [0, 1] form of P′, and its
    /// memory order uploads to OpenGL with transpose = false (needs [0, 1] clip control, math.md §2.2). Allocation-free.
    /// </summary>
    public bool TryGetNumerics(Vec3 eye, double near, double far, out Matrix4x4 matrix, out ProjectionError error)
    {
        matrix = default;
        if (!TryComputeExtents(eye, near, far, out var x, out error))
        {
            return false;
        }

        // CreatePerspectiveOffCenter throws when the single-precision near/far collapse; report instead.
        float n = (float)x.Near, f = (float)x.Far;
        if (!(n > 0))
        {
            error = ProjectionError.NearNotPositive;
            return false;
        }

        if (!(f > n) || float.IsInfinity(f))
        {
            error = ProjectionError.FarNotBeyondNear;
            return false;
        }

        var translation = Matrix4x4.CreateTranslation((float)-eye.X, (float)-eye.Y, (float)-eye.Z);
        var perspective = Matrix4x4.CreatePerspectiveOffCenter(
            (float)x.Left, (float)x.Right, (float)x.Bottom, (float)x.Top, n, f);
        matrix = translation * _numericsRotation * perspective;
        return true;
    }

    private static ProjectionError Validate(Vec3 eye, double near, double far)
    {
        if (!double.IsFinite(near) || !(near > 0))
        {
            return ProjectionError.NearNotPositive;
        }

        if (!double.IsFinite(far) || !(far > near))
        {
            return ProjectionError.FarNotBeyondNear;
        }

        return eye.IsFinite ? ProjectionError.None : ProjectionError.NonFiniteEye;
    }
}
