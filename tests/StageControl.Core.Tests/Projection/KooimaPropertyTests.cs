// FsCheck properties of the Kooima projection (shared/notes/math.md §2.1 "Properties useful in tests", §2.2).
using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.Geometry;
using StageControl.Core.Projection;

namespace StageControl.Core.Tests.Projection;

public sealed class KooimaPropertyTests
{
    /// <summary>A random rectangular panel (any orientation) and an eye in front of it.</summary>
    internal sealed record Case(Vec3 Pa, Vec3 Pb, Vec3 Pc, Vec3 Eye, double Near, double Far, double S, double T)
    {
        public override string ToString() => $"pa={Pa} pb={Pb} pc={Pc} eye={Eye} n={Near} f={Far}";
    }

    internal static Arbitrary<Case> Cases() =>
        Gen.ArrayOf(Gen.Choose(-10_000, 10_000), 16).Select(Build).ToArbitrary();

    private static Case Build(int[] r)
    {
        double U(int i) => r[i] / 10_000.0; // in [−1, 1]

        // Orientation from a random (non-zero) quaternion.
        var q = new Quat(U(0) + 1.5, U(1), U(2), U(3)).Normalized();
        var vr = q.Rotate(Vec3.UnitX);
        var vu = q.Rotate(Vec3.UnitY);
        var vn = q.Rotate(Vec3.UnitZ);
        var centre = new Vec3(U(4) * 10, U(5) * 10, U(6) * 10);
        var w = 0.1 + (Math.Abs(U(7)) * 5);
        var h = 0.1 + (Math.Abs(U(8)) * 5);
        var pa = centre - (vr * (w / 2)) - (vu * (h / 2));
        var pb = pa + (vr * w);
        var pc = pa + (vu * h);

        // Eye in front: distance 0.05..10 m along vn, anywhere laterally (off-axis).
        var d = 0.05 + (Math.Abs(U(9)) * 10);
        var eye = centre + (vn * d) + (vr * (U(10) * 8)) + (vu * (U(11) * 8));
        var near = 0.01 + (Math.Abs(U(12)) * 2);
        var far = near + 1 + (Math.Abs(U(13)) * 500);
        return new Case(pa, pb, pc, eye, near, far, (U(14) + 1) / 2, (U(15) + 1) / 2);
    }

    private static bool Close(double a, double b, double tol = 1e-6) => Math.Abs(a - b) <= tol * Math.Max(1, Math.Abs(b));

    [Fact]
    public void Projection_RandomPanels_CornersMapToNdcCornersAndCentreToOrigin()
    {
        Prop.ForAll(Cases(), c =>
        {
            // Arrange
            var screen = KooimaScreen.Create(c.Pa, c.Pb, c.Pc);
            Assert.True(screen.TryGetProjection(c.Eye, c.Near, c.Far, DepthRange.MinusOneToOne, out var p, out _, out var error), error.Describe());
            var pd = c.Pb + c.Pc - c.Pa;
            var centre = (c.Pb + c.Pc) * 0.5;

            // Act
            (Vec3 Point, double X, double Y)[] expected = [(c.Pa, -1, -1), (c.Pb, 1, -1), (c.Pc, -1, 1), (pd, 1, 1), (centre, 0, 0)];

            // Assert
            foreach (var (point, ex, ey) in expected)
            {
                var v = p.TransformPoint(point);
                Assert.True(v.W > 0);
                Assert.True(Close(v.X / v.W, ex) && Close(v.Y / v.W, ey), $"{point}: ({v.X / v.W}, {v.Y / v.W}) vs ({ex}, {ey})");
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Projection_RandomPanels_EveryScreenPointHasTheSameDepth()
    {
        Prop.ForAll(Cases(), c =>
        {
            // Arrange
            var screen = KooimaScreen.Create(c.Pa, c.Pb, c.Pc);
            screen.TryGetProjection(c.Eye, c.Near, c.Far, DepthRange.MinusOneToOne, out var gl, out var x, out _);
            screen.TryGetProjection(c.Eye, c.Near, c.Far, DepthRange.ZeroToOne, out var zo, out _, out _);
            double n = c.Near, f = c.Far;
            var expectedGl = ((f + n) / (f - n)) - (2 * f * n / ((f - n) * x.Distance));
            var point = c.Pa + ((c.Pb - c.Pa) * c.S) + ((c.Pc - c.Pa) * c.T);

            // Act
            var depths = new[] { c.Pa, c.Pb, c.Pc, point }.Select(pt => gl.TransformPoint(pt)).Select(v => v.Z / v.W).ToArray();
            var z01 = zo.TransformPoint(point);

            // Assert (§2.1 screen-plane depth; §2.2 z₀₁ = (z_gl + 1)/2)
            Assert.All(depths, z => Assert.True(Close(z, expectedGl), $"{z} vs {expectedGl}"));
            Assert.True(Close(z01.Z / z01.W, (expectedGl + 1) / 2));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Numerics_RandomPanels_IsTransposeOfZeroToOneForm()
    {
        Prop.ForAll(Cases(), c =>
        {
            // Arrange
            var screen = KooimaScreen.Create(c.Pa, c.Pb, c.Pc);
            screen.TryGetProjection(c.Eye, c.Near, c.Far, DepthRange.ZeroToOne, out var p01, out _, out _);

            // Act
            Assert.True(screen.TryGetNumerics(c.Eye, c.Near, c.Far, out var m, out var error), error.Describe());

            // Assert: built as CreateTranslation(−pe)·R·CreatePerspectiveOffCenter — equals transpose(P′₀₁) in float
            KooimaScreenTests.AssertTranspose(p01, m);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Extents_RandomPanels_CentredEyeIsSymmetric()
    {
        Prop.ForAll(Cases(), c =>
        {
            // Arrange: put the eye on the screen's centre axis
            var screen = KooimaScreen.Create(c.Pa, c.Pb, c.Pc);
            var centre = (c.Pb + c.Pc) * 0.5;
            var eye = centre + (screen.Normal * (1 + c.S));

            // Act
            screen.TryComputeExtents(eye, c.Near, c.Far, out var x, out _);

            // Assert (§2.1 step 4: a centred eye gives l = −r and b = −t; d is the distance along vn)
            Assert.True(Close(x.Left, -x.Right, 1e-9) && Close(x.Bottom, -x.Top, 1e-9));
            Assert.True(Close(x.Distance, 1 + c.S, 1e-9));
        }).QuickCheckThrowOnFailure();
    }
}
