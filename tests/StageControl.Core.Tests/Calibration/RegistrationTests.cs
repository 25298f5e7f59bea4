using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.Calibration;
using StageControl.Core.Geometry;

namespace StageControl.Core.Tests.Calibration;

// Kabsch/Umeyama registration tracker → stage (shared/notes/math.md §8).
public sealed class RegistrationTests
{
    // A random registration problem: rotation (axis, angle incl. near and exactly 180°), translation, scale, points.
    private sealed record Case(Vec3 Axis, double Angle, Vec3 Translation, double Scale, int Count, int Seed);

    private static Gen<double> Unit => Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1e6);

    private static Gen<Case> Cases(bool withScale) =>
        from ax in Unit
        from ay in Unit
        from az in Unit
        from angle in Gen.OneOf(
            Gen.Choose(0, 1_000_000).Select(i => i / 1e6 * Math.PI),
            Gen.Choose(0, 9).Select(k => Math.PI - Math.Pow(10, -k)),
            Gen.Constant(Math.PI))
        from tx in Unit
        from ty in Unit
        from tz in Unit
        from scale in withScale ? Gen.Elements(0.001, 0.0254, 0.5, 1.0, 3.7, 1000.0) : Gen.Constant(1.0)
        from count in Gen.Choose(6, 40)
        from seed in Gen.Choose(0, int.MaxValue)
        where (ax * ax) + (ay * ay) + (az * az) > 1e-4
        select new Case(new Vec3(ax, ay, az).Normalized(), angle, new Vec3(tx, ty, tz) * 10, scale, count, seed);

    private static Mat3 RotationOf(Case c) => Quat.FromAxisAngle(c.Axis, c.Angle).ToMatrix();

    /// <summary>Tracker points uniform in a 6 m cube around (1, 2, 3)/scale; stage = c·R·x + t (+ noise).</summary>
    private static (List<PointPair> Pairs, List<Vec3> Exact) MakePairs(Case c, double noiseM)
    {
        var rng = new Random(c.Seed);
        var r = RotationOf(c);
        var pairs = new List<PointPair>();
        var exact = new List<Vec3>();
        for (var i = 0; i < c.Count; i++)
        {
            var x = new Vec3(1 + ((rng.NextDouble() - 0.5) * 6), 2 + ((rng.NextDouble() - 0.5) * 6), 3 + ((rng.NextDouble() - 0.5) * 6)) / c.Scale;
            var y = (c.Scale * (r * x)) + c.Translation;
            exact.Add(y);
            var noise = new Vec3(Gaussian(rng), Gaussian(rng), Gaussian(rng)) * noiseM;
            pairs.Add(new PointPair($"P{i}", x, y + noise));
        }

        return (pairs, exact);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double MaxAbsDiff(Mat3 a, Mat3 b)
    {
        var m = 0.0;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                m = Math.Max(m, Math.Abs(a[i, j] - b[i, j]));
            }
        }

        return m;
    }

    [Fact]
    public void TrySolve_NoiseFreeRigid_RecoversRotationAndTranslationWithin1e9()
    {
        // Arrange / Act / Assert
        Prop.ForAll(Cases(withScale: false).ToArbitrary(), c =>
        {
            var (pairs, _) = MakePairs(c, 0);
            var ok = Registration.TrySolve(pairs, withScale: false, out var result, out _);
            return ok
                && MaxAbsDiff(result.Rotation, RotationOf(c)) < 1e-9
                && (result.Translation - c.Translation).Length < 1e-9
                && result.Scale == 1.0
                && result.RmsM < 1e-9
                && Math.Abs(result.Rotation.Determinant - 1) < 1e-12;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TrySolve_NoiseFreeWithScale_RecoversScaleRotationAndTranslation()
    {
        // Arrange / Act / Assert
        Prop.ForAll(Cases(withScale: true).ToArbitrary(), c =>
        {
            var (pairs, _) = MakePairs(c, 0);
            var ok = Registration.TrySolve(pairs, withScale: true, out var result, out _);
            return ok
                && Math.Abs((result.Scale / c.Scale) - 1) < 1e-9
                && MaxAbsDiff(result.Rotation, RotationOf(c)) < 1e-9
                && (result.Translation - c.Translation).Length < 1e-9
                && result.RmsM < 1e-9;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TrySolve_GaussianNoise_RecoversTransformWithinNoiseBound()
    {
        // Arrange: σ = 1 mm per axis on the stage points, 6–40 points spread over a 6 m cube.
        const double Sigma = 1e-3;

        // Act / Assert: the fitted transform maps every exact point within 10 σ (a least-squares fit over ≥ 6 points
        // averages the noise down), and the RMS residual is below √3·σ·2 (it estimates √3·σ·√((n − 6)/n)).
        Prop.ForAll(Cases(withScale: false).ToArbitrary(), c =>
        {
            var (pairs, exact) = MakePairs(c, Sigma);
            if (!Registration.TrySolve(pairs, withScale: false, out var result, out _))
            {
                return false;
            }

            var worst = 0.0;
            for (var i = 0; i < pairs.Count; i++)
            {
                worst = Math.Max(worst, (result.Apply(pairs[i].Tracker) - exact[i]).Length);
            }

            return worst < 10 * Sigma && result.RmsM < 2 * Math.Sqrt(3) * Sigma && result.RmsM > 0
                && Math.Abs(result.Rotation.Determinant - 1) < 1e-12;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TrySolve_MirroredPointSet_StillReturnsProperRotation()
    {
        // Arrange: stage = tracker mirrored in z (a reflection no rotation can produce), non-planar points.
        Vec3[] tracker = [new(0, 0, 0), new(1, 0, 0), new(0, 2, 0), new(0, 0, 3), new(1, 1, 1), new(-1, 0.5, 2)];
        var pairs = tracker.Select((x, i) => new PointPair($"P{i}", x, new Vec3(x.X, x.Y, -x.Z))).ToList();

        // Act
        var ok = Registration.TrySolve(pairs, withScale: false, out var result, out var why);

        // Assert: det R = +1 (the guard refused the reflection), so the fit cannot be exact.
        Assert.True(ok, why);
        Assert.Equal(1.0, result.Rotation.Determinant, 12);
        Assert.True(result.RmsM > 0.1, $"RMS {result.RmsM}");
    }

    [Fact]
    public void TrySolve_PlanarMirroredPoints_UsesRankDeficientGuardAndFitsExactly()
    {
        // Arrange: all points in z = 0; mirroring x → −x inside that plane equals a 180° turn about +Y, so an exact
        // proper rotation exists even though det Σ < 0 sign is meaningless here (Σ has rank 2).
        Vec3[] tracker = [new(0, 0, 0), new(2, 0, 0), new(0, 1, 0), new(1.5, 2, 0), new(-1, 0.7, 0)];
        var pairs = tracker.Select((x, i) => new PointPair($"P{i}", x, new Vec3(-x.X, x.Y, 0) + new Vec3(5, 1, -2))).ToList();

        // Act
        var ok = Registration.TrySolve(pairs, withScale: false, out var result, out var why);

        // Assert: R = diag(−1, 1, −1).
        Assert.True(ok, why);
        Assert.Equal(1.0, result.Rotation.Determinant, 12);
        Assert.True(result.RmsM < 1e-12, $"RMS {result.RmsM}");
        Assert.Equal(-1.0, result.Rotation.M00, 12);
        Assert.Equal(1.0, result.Rotation.M11, 12);
        Assert.Equal(-1.0, result.Rotation.M22, 12);
    }

    [Fact]
    public void TrySolve_ThreePoints_RecoversRotation()
    {
        // Arrange: the minimum, three points (always coplanar), 90° about +Y then t = (1, 2, 3).
        var c = new Case(Vec3.UnitY, Math.PI / 2, new Vec3(1, 2, 3), 1, 3, 7);
        var (pairs, _) = MakePairs(c, 0);

        // Act
        var ok = Registration.TrySolve(pairs, withScale: false, out var result, out var why);

        // Assert
        Assert.True(ok, why);
        Assert.True(MaxAbsDiff(result.Rotation, RotationOf(c)) < 1e-9);
        Assert.True((result.Translation - c.Translation).Length < 1e-9);
    }

    [Fact]
    public void TrySolve_OneDisplacedPointAmongTwelve_FlagsOnlyThatPoint()
    {
        // Arrange
        var c = new Case(Vec3.UnitZ, 0.3, new Vec3(0.5, 0, -1), 1, 12, 11);
        var (pairs, _) = MakePairs(c, 1e-4);
        pairs[5] = pairs[5] with { Stage = pairs[5].Stage + new Vec3(0, 0.5, 0) };

        // Act
        var ok = Registration.TrySolve(pairs, withScale: false, out var result, out var why);

        // Assert
        Assert.True(ok, why);
        Assert.True(result.Outliers[5]);
        Assert.Equal(1, result.Outliers.Count(f => f));
        Assert.Equal(12, result.ResidualsM.Count);
    }

    [Fact]
    public void TrySolve_NoiseFree_FlagsNoOutliers()
    {
        // Arrange: residuals are floating-point noise only; none may be flagged.
        var c = new Case(Vec3.UnitX, 1.0, new Vec3(1, 1, 1), 1, 40, 5);
        var (pairs, _) = MakePairs(c, 0);

        // Act
        Registration.TrySolve(pairs, withScale: false, out var result, out _);

        // Assert
        Assert.DoesNotContain(true, result.Outliers);
    }

    public static TheoryData<string, PointPair[], string> Rejections => new()
    {
        { "two pairs", [new("A", Vec3.Zero, Vec3.Zero), new("B", Vec3.UnitX, Vec3.UnitX)], "at least 3 point pairs, got 2" },
        { "collinear tracker", [new("A", Vec3.Zero, Vec3.Zero), new("B", Vec3.UnitX, Vec3.UnitX), new("C", new Vec3(2, 0, 0), Vec3.UnitY)], "tracker points are collinear" },
        { "collinear stage", [new("A", Vec3.Zero, Vec3.Zero), new("B", Vec3.UnitX, Vec3.UnitX), new("C", Vec3.UnitY, new Vec3(3, 0, 0))], "stage points are collinear" },
        { "coincident", [new("A", Vec3.UnitX, Vec3.Zero), new("B", Vec3.UnitX, Vec3.UnitX), new("C", Vec3.UnitX, Vec3.UnitY)], "tracker points all coincide" },
        { "nan", [new("A", Vec3.Zero, Vec3.Zero), new("B", new Vec3(double.NaN, 0, 0), Vec3.UnitX), new("C", Vec3.UnitY, Vec3.UnitY)], "point pair 2 ('B') has a non-finite" },
        { "infinity", [new("A", Vec3.Zero, Vec3.Zero), new("B", Vec3.UnitX, Vec3.UnitX), new("C", Vec3.UnitY, new Vec3(0, double.PositiveInfinity, 0))], "point pair 3 ('C') has a non-finite" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void TrySolve_BadInput_FailsWithReason(string scenario, PointPair[] pairs, string reason)
    {
        // Arrange: the pairs of the scenario.
        var input = pairs;

        // Act
        var ok = Registration.TrySolve(input, withScale: false, out _, out var why);

        // Assert
        Assert.False(ok, scenario);
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }
}
