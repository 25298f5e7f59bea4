// Oracle K1 (shared/notes/math.md §2.4): Kooima's own stereo example, left eye, in inches. Values copied here so the
// tests never read ../shared at run time.
using System.Numerics;
using StageControl.Core.Geometry;
using StageControl.Core.Projection;

namespace StageControl.Core.Tests.Projection;

public sealed class KooimaScreenTests
{
    private const double Tol = 1e-6; // K1 tolerance in double precision
    private const float FloatTol = 1e-5f; // K1 tolerance in float

    private static readonly Vec3 Pa = new(-1.5, -0.75, -18);
    private static readonly Vec3 Pb = new(1.5, -0.75, -18);
    private static readonly Vec3 Pc = new(-1.5, 0.75, -18);
    private static readonly Vec3 Pe = new(-1.25, 0, 0);
    private const double Near = 1;
    private const double Far = 100;

    private static KooimaScreen K1Screen() => KooimaScreen.Create(Pa, Pb, Pc);

    [Fact]
    public void TryCreate_K1Corners_BasisIsAxes()
    {
        // Arrange / Act
        var ok = KooimaScreen.TryCreate(Pa, Pb, Pc, out var screen, out var error);

        // Assert (K1: vr, vu, vn = (1,0,0), (0,1,0), (0,0,1))
        Assert.True(ok);
        Assert.Equal(ProjectionError.None, error);
        AssertVec(new Vec3(1, 0, 0), screen!.Right);
        AssertVec(new Vec3(0, 1, 0), screen.Up);
        AssertVec(new Vec3(0, 0, 1), screen.Normal);
        AssertVec(new Vec3(1.5, 0.75, -18), screen.UpperRight);
    }

    [Fact]
    public void TryComputeExtents_K1_DistanceAndExtentsMatchOracle()
    {
        // Arrange
        var screen = K1Screen();

        // Act
        var ok = screen.TryComputeExtents(Pe, Near, Far, out var x, out var error);

        // Assert (K1: d = 18; l, r, b, t = −1/72, 11/72, −1/24, 1/24)
        Assert.True(ok, error.Describe());
        Assert.Equal(18, x.Distance, Tol);
        Assert.Equal(-1.0 / 72, x.Left, Tol);
        Assert.Equal(11.0 / 72, x.Right, Tol);
        Assert.Equal(-1.0 / 24, x.Bottom, Tol);
        Assert.Equal(1.0 / 24, x.Top, Tol);
        Assert.Equal(-0.01388889, x.Left, Tol);
        Assert.Equal(0.15277778, x.Right, Tol);
        Assert.Equal(-0.04166667, x.Bottom, Tol);
        Assert.Equal(0.04166667, x.Top, Tol);
    }

    [Fact]
    public void TryGetProjection_K1Gl_RowsMatchOracle()
    {
        // Arrange
        var screen = K1Screen();
        double[][] expected =
        [
            [12, 0, 5.0 / 6, 15],
            [0, 24, 0, 0],
            [0, 0, -101.0 / 99, -200.0 / 99],
            [0, 0, -1, 0],
        ];

        // Act
        var ok = screen.TryGetProjection(Pe, Near, Far, DepthRange.MinusOneToOne, out var p, out _, out var error);

        // Assert (K1 rows 0..3, GL form)
        Assert.True(ok, error.Describe());
        AssertRows(expected, p);
        Assert.Equal(0.833333, p[0, 2], 1e-6);
        Assert.Equal(-1.020202, p[2, 2], 1e-6);
        Assert.Equal(-2.020202, p[2, 3], 1e-6);
    }

    [Fact]
    public void TryGetProjection_K1ZeroToOne_OnlyDepthRowChanges()
    {
        // Arrange
        var screen = K1Screen();
        double[][] expected =
        [
            [12, 0, 5.0 / 6, 15],
            [0, 24, 0, 0],
            [0, 0, -100.0 / 99, -100.0 / 99],
            [0, 0, -1, 0],
        ];

        // Act
        var ok = screen.TryGetProjection(Pe, Near, Far, DepthRange.ZeroToOne, out var p, out _, out _);
        screen.TryGetProjection(Pe, Near, Far, DepthRange.MinusOneToOne, out var gl, out _, out _);

        // Assert (K1 P′₀₁ row 2 = −1.010101, −1.010101; §2.2 row2₀₁ = (row2_gl + row3)/2)
        Assert.True(ok);
        AssertRows(expected, p);
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal((gl[2, j] + gl[3, j]) / 2, p[2, j], 1e-12);
        }
    }

    [Fact]
    public void TryGetNumerics_K1_FieldsMatchOracle()
    {
        // Arrange
        var screen = K1Screen();

        // Act
        var ok = screen.TryGetNumerics(Pe, Near, Far, out var m, out var error);

        // Assert (K1 System.Numerics M11..M44)
        Assert.True(ok, error.Describe());
        float[] expected =
        [
            12, 0, 0, 0,
            0, 24, 0, 0,
            0.833333f, 0, -1.010101f, -1,
            15, 0, -1.010101f, 0,
        ];
        float[] actual =
        [
            m.M11, m.M12, m.M13, m.M14,
            m.M21, m.M22, m.M23, m.M24,
            m.M31, m.M32, m.M33, m.M34,
            m.M41, m.M42, m.M43, m.M44,
        ];
        for (var i = 0; i < 16; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= FloatTol * Math.Max(1, Math.Abs(expected[i])), $"field {i}: {actual[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void TryGetNumerics_K1_IsTransposeOfZeroToOneForm()
    {
        // Arrange
        var screen = K1Screen();
        screen.TryGetProjection(Pe, Near, Far, DepthRange.ZeroToOne, out var p01, out _, out _);

        // Act
        screen.TryGetNumerics(Pe, Near, Far, out var m, out _);

        // Assert: Mij = P′₀₁[j, i] (§2.2), and Mat4.ToNumerics gives the same
        AssertTranspose(p01, m);
        AssertTranspose(p01, p01.ToNumerics());
    }

    [Fact]
    public void TryGetProjection_K1Corners_LandOnNdcCornersWithW18()
    {
        // Arrange
        var screen = K1Screen();
        screen.TryGetProjection(Pe, Near, Far, DepthRange.MinusOneToOne, out var p, out _, out _);
        var pd = Pb + Pc - Pa;
        (Vec3 Point, double X, double Y)[] corners = [(Pa, -1, -1), (Pb, 1, -1), (Pc, -1, 1), (pd, 1, 1)];

        foreach (var (point, ex, ey) in corners)
        {
            // Act
            var c = p.TransformPoint(point);

            // Assert (K1: NDC (±1, ±1), w = 18, screen-plane depth 0.907969 GL)
            Assert.Equal(18, c.W, Tol);
            Assert.Equal(ex, c.X / c.W, Tol);
            Assert.Equal(ey, c.Y / c.W, Tol);
            Assert.Equal(0.907969, c.Z / c.W, Tol);
        }
    }

    [Fact]
    public void TryGetProjection_K1ScreenPlane_DepthMatchesOracleInBothForms()
    {
        // Arrange
        var screen = K1Screen();
        screen.TryGetProjection(Pe, Near, Far, DepthRange.MinusOneToOne, out var gl, out _, out _);
        screen.TryGetProjection(Pe, Near, Far, DepthRange.ZeroToOne, out var zo, out _, out _);
        var centre = new Vec3(0, 0, -18);

        // Act
        var cg = gl.TransformPoint(centre);
        var cz = zo.TransformPoint(centre);

        // Assert (K1: 0.907969 GL, 0.953984 [0, 1]; centre → NDC (0, 0); §2.1 formula)
        Assert.Equal(0.907969, cg.Z / cg.W, Tol);
        Assert.Equal(0.953984, cz.Z / cz.W, Tol);
        Assert.Equal(((Far + Near) / (Far - Near)) - (2 * Far * Near / ((Far - Near) * 18)), cg.Z / cg.W, 1e-12);
        Assert.Equal(0, cg.X / cg.W, Tol);
        Assert.Equal(0, cg.Y / cg.W, Tol);
    }

    [Fact]
    public void TryWriteProjection_SpanForm_EqualsMat4Form()
    {
        // Arrange
        var screen = K1Screen();
        Span<double> m = stackalloc double[16];
        screen.TryGetProjection(Pe, Near, Far, DepthRange.MinusOneToOne, out var p, out _, out _);

        // Act
        var ok = screen.TryWriteProjection(Pe, Near, Far, DepthRange.MinusOneToOne, m, out _, out _);

        // Assert
        Assert.True(ok);
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(p[i / 4, i % 4], m[i]);
        }
    }

    [Fact]
    public void PerFrameCalls_AfterWarmUp_AllocateZeroBytes()
    {
        // Arrange
        var screen = K1Screen();
        Span<double> m = stackalloc double[16];
        var eye = Pe;
        double sink = 0;
        for (var i = 0; i < 100; i++)
        {
            screen.TryWriteProjection(eye, Near, Far, DepthRange.MinusOneToOne, m, out _, out _);
            screen.TryGetNumerics(eye, Near, Far, out var warm, out _);
            sink += m[0] + warm.M11;
        }

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            eye = new Vec3(-1.25 + (i * 1e-5), i * 1e-5, 0);
            screen.TryWriteProjection(eye, Near, Far, DepthRange.MinusOneToOne, m, out _, out _);
            screen.TryWriteProjection(eye, Near, Far, DepthRange.ZeroToOne, m, out _, out _);
            screen.TryGetNumerics(eye, Near, Far, out var numerics, out _);
            screen.TryComputeExtents(eye, Near, Far, out var x, out _);
            sink += m[0] + numerics.M11 + x.Left;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(sink));
    }

    [Fact]
    public void TryWriteProjection_Failure_LeavesDestinationUntouched()
    {
        // Arrange
        var screen = K1Screen();
        var m = new double[16];
        Array.Fill(m, 7.0);

        // Act
        var ok = screen.TryWriteProjection(new Vec3(0, 0, -30), Near, Far, DepthRange.MinusOneToOne, m, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Equal(ProjectionError.EyeNotInFront, error);
        Assert.All(m, v => Assert.Equal(7.0, v));
    }

    internal static void AssertRows(double[][] expected, Mat4 actual, double tol = Tol)
    {
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                Assert.True(Math.Abs(expected[i][j] - actual[i, j]) <= tol, $"[{i},{j}] = {actual[i, j]:R}, expected {expected[i][j]:R}");
            }
        }
    }

    internal static void AssertTranspose(Mat4 p, Matrix4x4 m)
    {
        float[,] f =
        {
            { m.M11, m.M12, m.M13, m.M14 },
            { m.M21, m.M22, m.M23, m.M24 },
            { m.M31, m.M32, m.M33, m.M34 },
            { m.M41, m.M42, m.M43, m.M44 },
        };
        var scale = 1.0;
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                scale = Math.Max(scale, Math.Abs(p[i, j]));
            }
        }

        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                Assert.True(Math.Abs(f[i, j] - p[j, i]) <= 1e-5 * scale, $"M{i + 1}{j + 1} = {f[i, j]:R}, P′[{j},{i}] = {p[j, i]:R}");
            }
        }
    }

    private static void AssertVec(Vec3 expected, Vec3 actual)
    {
        Assert.Equal(expected.X, actual.X, Tol);
        Assert.Equal(expected.Y, actual.Y, Tol);
        Assert.Equal(expected.Z, actual.Z, Tol);
    }
}
