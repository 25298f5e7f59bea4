// `stagectl frustum` against oracle K1 (shared/notes/math.md §2.4) and the exit-code contract (shared/DESIGN.md).
using System.Globalization;
using System.Text.Json;
using StageControl.Cli;
using StageControl.Core.Projection;
using StageControl.Core.Geometry;

namespace StageControl.Cli.Tests;

public sealed class FrustumCommandTests
{
    private static readonly string[] K1Args =
    [
        "frustum", "--pa", "-1.5,-0.75,-18", "--pb", "1.5,-0.75,-18", "--pc", "-1.5,0.75,-18",
        "--eye", "-1.25,0,0", "--near", "1", "--far", "100",
    ];

    // K1 GL rows (exact fractions): 12, 0, 5/6, 15 | 0, 24, 0, 0 | 0, 0, −101/99, −200/99 | 0, 0, −1, 0.
    private static readonly double[][] K1Gl =
    [
        [12, 0, 5.0 / 6, 15],
        [0, 24, 0, 0],
        [0, 0, -101.0 / 99, -200.0 / 99],
        [0, 0, -1, 0],
    ];

    private static (int Code, string Out, string Err) Run(params string[] args) => Stagectl.Run(args);

    private static double[][] ParseProjection(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using var doc = JsonDocument.Parse(lines[^1]);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(["projection"], root.EnumerateObject().Select(p => p.Name).ToArray());
        var rows = root.GetProperty("projection").EnumerateArray().ToArray();
        Assert.Equal(4, rows.Length);
        return rows.Select(r =>
        {
            var values = r.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(4, values.Length);
            return values;
        }).ToArray();
    }

    [Fact]
    public void Frustum_K1Json_ReproducesOracleWithin1e9()
    {
        // Act
        var (code, stdout, stderr) = Run([.. K1Args, "--json"]);

        // Assert
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        var p = ParseProjection(stdout);
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                Assert.True(Math.Abs(K1Gl[i][j] - p[i][j]) <= 1e-9, $"[{i},{j}] = {p[i][j]}");
            }
        }

        Assert.DoesNotContain("-0,", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("-0]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Frustum_Json_PrintsDoublesThatRoundTrip()
    {
        // Arrange: 5/6 and −200/99 are not short decimals; the printed text must parse back to the same double
        var (_, stdout, _) = Run([.. K1Args, "--json"]);

        // Act
        var p = ParseProjection(stdout);

        // Assert: equal to the double-precision evaluation of the same closed-form terms (a·vr + c·vn etc.)
        Assert.Equal(5.0 / 6, p[0][2], 1e-15);
        Assert.Equal(-2 * 100.0 * 1 / (100.0 - 1), p[2][3]);
        Assert.Equal(-(100.0 + 1) / (100.0 - 1), p[2][2]);
    }

    [Fact]
    public void Frustum_DepthZeroToOne_ReplacesDepthRow()
    {
        // Act
        var (code, stdout, _) = Run([.. K1Args, "--depth", "zero-to-one", "--json"]);

        // Assert (K1 P′₀₁ row 2 = 0, 0, −100/99, −100/99; rows 0, 1, 3 as GL)
        Assert.Equal(0, code);
        var p = ParseProjection(stdout);
        double[] row2 = [0, 0, -100.0 / 99, -100.0 / 99];
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal(row2[j], p[2][j], 1e-9);
            Assert.Equal(K1Gl[0][j], p[0][j], 1e-9);
            Assert.Equal(K1Gl[3][j], p[3][j], 1e-9);
        }
    }

    [Fact]
    public void Frustum_WithoutJson_PrintsExtentsDistanceAndMatrix()
    {
        // Act
        var (code, stdout, _) = Run(K1Args);

        // Assert (K1: d = 18, l = −1/72)
        Assert.Equal(0, code);
        Assert.Contains("d = 18", stdout, StringComparison.Ordinal);
        Assert.Contains("l = " + (-1.0 / 72).ToString("R", CultureInfo.InvariantCulture), stdout, StringComparison.Ordinal);
        Assert.Contains("-2.0202020202020203", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pa", "1,2", "--pa")]
    [InlineData("--pb", "a,b,c", "--pb")]
    [InlineData("--pc", "1,2,3,4", "--pc")]
    [InlineData("--eye", "NaN,0,0", "--eye")]
    [InlineData("--near", "one", "--near")]
    [InlineData("--far", "1e999", "--far")]
    public void Frustum_MalformedValue_ExitsOneNamingTheOption(string option, string value, string named)
    {
        // Arrange
        var args = K1Args.ToArray();
        args[Array.IndexOf(args, option) + 1] = value;

        // Act
        var (code, stdout, stderr) = Run([.. args, "--json"]);

        // Assert
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pc", "-1.4,0.75,-18", "--pa/--pb/--pc", "skewed")]
    [InlineData("--pb", "-1.5,-0.75,-18", "--pa/--pb/--pc", "degenerate")]
    [InlineData("--eye", "0,0,-20", "--eye", "behind")]
    [InlineData("--eye", "0,0,-18", "--eye", "behind")]
    [InlineData("--near", "0", "--near", "greater than 0")]
    [InlineData("--far", "0.5", "--far", "greater than near")]
    public void Frustum_DegenerateConfiguration_ExitsOneWithReason(string option, string value, string named, string reason)
    {
        // Arrange
        var args = K1Args.ToArray();
        args[Array.IndexOf(args, option) + 1] = value;

        // Act
        var (code, _, stderr) = Run([.. args, "--json"]);

        // Assert
        Assert.Equal(1, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pa")]
    [InlineData("--eye")]
    [InlineData("--far")]
    public void Frustum_MissingOption_ExitsTwo(string option)
    {
        // Arrange
        var args = K1Args.ToList();
        var at = args.IndexOf(option);
        args.RemoveRange(at, 2);

        // Act
        var (code, _, stderr) = Run([.. args, "--json"]);

        // Assert
        Assert.Equal(2, code);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Frustum_UnknownDepth_ExitsTwo()
    {
        // Act
        var (code, _, _) = Run([.. K1Args, "--depth", "reversed"]);

        // Assert
        Assert.Equal(2, code);
    }

    // A 1 m panel turned by an arbitrary rotation and written with 6 decimals, as a technician would type it:
    // rounding leaves a small shear (|vr·vu| > 0) that the CLI's default tolerance must accept.
    private static (string[] Corners, Vec3 Pa, Vec3 Pb, Vec3 Pc) RoundedRotatedPanel()
    {
        var q = Quat.FromAxisAngle(new Vec3(1, 2, 3), 0.7);
        static Vec3 Round(Vec3 v) => new(Math.Round(v.X, 6), Math.Round(v.Y, 6), Math.Round(v.Z, 6));
        var centre = new Vec3(0.3, 1.5, -4);
        var pa = Round(centre + q.Rotate(new Vec3(-0.5, -0.5, 0)));
        var pb = Round(centre + q.Rotate(new Vec3(0.5, -0.5, 0)));
        var pc = Round(centre + q.Rotate(new Vec3(-0.5, 0.5, 0)));
        static string Text(Vec3 v) => string.Create(CultureInfo.InvariantCulture, $"{v.X:F6},{v.Y:F6},{v.Z:F6}");
        return (["--pa", Text(pa), "--pb", Text(pb), "--pc", Text(pc)], pa, pb, pc);
    }

    [Fact]
    public void Frustum_RotatedPanelWithRoundedCorners_AcceptedAndMatchesKooima()
    {
        // Arrange
        var (corners, pa, pb, pc) = RoundedRotatedPanel();
        var skew = Math.Abs(Vec3.Dot((pb - pa).Normalized(), (pc - pa).Normalized()));
        Assert.InRange(skew, 1e-9, 1e-4); // precondition: the rounding really did shear the corners
        var exact = KooimaScreen.Create(pa, pb, pc, skewTolerance: 1e-3);
        var eye = new Vec3(0.2, 1.1, 0.4);
        var normalSide = Vec3.Dot(eye - pa, exact.Normal) > 0 ? eye : (2 * pa) - eye;
        Assert.True(exact.TryGetProjection(normalSide, 0.1, 50, DepthRange.MinusOneToOne, out var expected, out _, out _));
        string[] args = ["frustum", .. corners, "--eye", string.Create(CultureInfo.InvariantCulture, $"{normalSide.X:R},{normalSide.Y:R},{normalSide.Z:R}"), "--near", "0.1", "--far", "50", "--json"];

        // Act
        var (code, stdout, stderr) = Run(args);

        // Assert
        Assert.True(code == 0, stderr);
        var got = ParseProjection(stdout);
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                Assert.True(Math.Abs(got[i][j] - expected[i, j]) < 1e-9, $"[{i},{j}] {got[i][j]} vs {expected[i, j]}");
            }
        }
    }

    [Fact]
    public void Frustum_SkewToleranceZero_RejectsRoundedCorners()
    {
        // Arrange: the same corners with a tolerance of 0 — any shear at all is refused.
        var (corners, _, _, _) = RoundedRotatedPanel();
        string[] args = ["frustum", .. corners, "--eye", "0,1,0", "--near", "0.1", "--far", "50", "--skew-tolerance", "0", "--json"];

        // Act
        var (code, _, stderr) = Run(args);

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("skewed", stderr, StringComparison.Ordinal);
    }
}
