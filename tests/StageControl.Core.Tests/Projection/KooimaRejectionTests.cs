// Every rejection reason of the Kooima screen and its per-frame call (shared/notes/math.md §2.1 notes).
using StageControl.Core.Geometry;
using StageControl.Core.Projection;

namespace StageControl.Core.Tests.Projection;

public sealed class KooimaRejectionTests
{
    private static readonly Vec3 Pa = new(-1, 0, -3);
    private static readonly Vec3 Pb = new(1, 0, -3);
    private static readonly Vec3 Pc = new(-1, 1, -3);

    public static TheoryData<Vec3, Vec3, Vec3, ProjectionError> BadCorners => new()
    {
        { new Vec3(double.NaN, 0, -3), Pb, Pc, ProjectionError.NonFiniteCorner },
        { Pa, new Vec3(1, double.PositiveInfinity, -3), Pc, ProjectionError.NonFiniteCorner },
        { Pa, Pb, new Vec3(-1, 1, double.NegativeInfinity), ProjectionError.NonFiniteCorner },
        { Pa, Pa, Pc, ProjectionError.DegenerateCorners },
        { Pa, Pb, Pa, ProjectionError.DegenerateCorners },
        { Pa, Pb, new Vec3(3, 0, -3), ProjectionError.DegenerateCorners },
        { Pa, Pb, new Vec3(-3, 0, -3), ProjectionError.DegenerateCorners },
        { Pa, Pb, new Vec3(-0.9, 1, -3), ProjectionError.SkewedCorners },
        { Pa, Pb, new Vec3(-0.99999, 1, -3), ProjectionError.SkewedCorners },
    };

    [Theory]
    [MemberData(nameof(BadCorners))]
    public void TryCreate_BadCorners_FailsWithReason(Vec3 pa, Vec3 pb, Vec3 pc, ProjectionError expected)
    {
        // Act
        var ok = KooimaScreen.TryCreate(pa, pb, pc, out var screen, out var error);

        // Assert
        Assert.False(ok);
        Assert.Null(screen);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryCreate_SmallSkewWithinTolerance_Accepted()
    {
        // Arrange: |vr·vu| ≈ 1e-7 < ε = 1e-6
        var pc = new Vec3(-1 + 1e-7, 1, -3);

        // Act
        var ok = KooimaScreen.TryCreate(Pa, Pb, pc, out _, out var error);
        var strict = KooimaScreen.TryCreate(Pa, Pb, pc, out _, out var strictError, skewTolerance: 1e-9);

        // Assert
        Assert.True(ok, error.Describe());
        Assert.False(strict);
        Assert.Equal(ProjectionError.SkewedCorners, strictError);
    }

    [Fact]
    public void Create_BadCorners_ThrowsWithReason()
    {
        // Act
        var e = Assert.Throws<ArgumentException>(() => KooimaScreen.Create(Pa, Pa, Pc));

        // Assert
        Assert.Contains("degenerate", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<Vec3, double, double, ProjectionError> BadFrames => new()
    {
        { new Vec3(0, 0.5, -3), 0.1, 10, ProjectionError.EyeNotInFront },
        { new Vec3(0, 0.5, -4), 0.1, 10, ProjectionError.EyeNotInFront },
        { new Vec3(5, 0.5, -3.5), 0.1, 10, ProjectionError.EyeNotInFront },
        { new Vec3(double.NaN, 0, 0), 0.1, 10, ProjectionError.NonFiniteEye },
        { new Vec3(0, double.PositiveInfinity, 0), 0.1, 10, ProjectionError.NonFiniteEye },
        { Vec3.Zero, 0, 10, ProjectionError.NearNotPositive },
        { Vec3.Zero, -1, 10, ProjectionError.NearNotPositive },
        { Vec3.Zero, double.NaN, 10, ProjectionError.NearNotPositive },
        { Vec3.Zero, double.PositiveInfinity, 10, ProjectionError.NearNotPositive },
        { Vec3.Zero, 1, 1, ProjectionError.FarNotBeyondNear },
        { Vec3.Zero, 1, 0.5, ProjectionError.FarNotBeyondNear },
        { Vec3.Zero, 1, double.NaN, ProjectionError.FarNotBeyondNear },
        { Vec3.Zero, 1, double.PositiveInfinity, ProjectionError.FarNotBeyondNear },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public void TryWriteProjection_BadFrame_FailsWithReason(Vec3 eye, double near, double far, ProjectionError expected)
    {
        // Arrange
        var screen = KooimaScreen.Create(Pa, Pb, Pc);
        var m = new double[16];

        // Act
        var ok = screen.TryWriteProjection(eye, near, far, DepthRange.MinusOneToOne, m, out _, out var error);
        var okNumerics = screen.TryGetNumerics(eye, near, far, out _, out var numericsError);

        // Assert
        Assert.False(ok);
        Assert.Equal(expected, error);
        Assert.False(okNumerics);
        Assert.Equal(expected, numericsError);
    }

    [Fact]
    public void TryGetNumerics_NearCollapsesInSinglePrecision_ReportsInsteadOfThrowing()
    {
        // Arrange: 1e-50 is > 0 in double but 0 in float
        var screen = KooimaScreen.Create(Pa, Pb, Pc);

        // Act
        var ok = screen.TryGetNumerics(Vec3.Zero, 1e-50, 10, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Equal(ProjectionError.NearNotPositive, error);
    }

    [Fact]
    public void Describe_EveryError_HasDistinctText()
    {
        // Arrange
        var values = Enum.GetValues<ProjectionError>();

        // Act
        var texts = values.Select(v => v.Describe()).ToList();

        // Assert
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("unknown projection error", texts);
    }
}
