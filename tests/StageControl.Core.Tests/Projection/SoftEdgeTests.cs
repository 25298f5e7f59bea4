// Soft-edge alpha, nDisplay shader form (shared/notes/math.md §3.2 last paragraph).
using StageControl.Core.Projection;

namespace StageControl.Core.Tests.Projection;

public sealed class SoftEdgeTests
{
    private static readonly SoftEdgeSettings Settings = new(Sides: 0.2, TopBottom: 0.1, Feather: 0.5);

    [Fact]
    public void Alpha_Centre_IsOne()
    {
        Assert.Equal(1, SoftEdge.Alpha(0.5, 0.5, Settings), 1e-15);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.5)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.5, 1.0)]
    [InlineData(-0.01, 0.5)]
    [InlineData(0.5, 1.01)]
    public void Alpha_OnOrOutsideEdge_IsZero(double u, double v)
    {
        Assert.Equal(0, SoftEdge.Alpha(u, v, Settings), 1e-15);
    }

    [Fact]
    public void Alpha_HalfwayIntoSideRamp_MatchesHandComputedSmoothstep()
    {
        // Arrange: u = 0.1 → e = (0.1/0.2)² = 0.25; smoothstep(0, 0.5, 0.25): t = 0.5 → 0.5²·(3 − 1) = 0.5

        // Act
        var left = SoftEdge.Alpha(0.1, 0.5, Settings);
        var right = SoftEdge.Alpha(0.9, 0.5, Settings);
        var corner = SoftEdge.Alpha(0.1, 0.05, Settings); // v: e = (0.05/0.1)² = 0.25 → 0.5 as well

        // Assert
        Assert.Equal(0.5, left, 1e-12);
        Assert.Equal(0.5, right, 1e-12);
        Assert.Equal(0.25, corner, 1e-12);
    }

    [Fact]
    public void Alpha_RampPastFeather_IsOne()
    {
        // Arrange: u = 0.15 → e = 0.5625 ≥ feather 0.5 → smoothstep = 1
        Assert.Equal(1, SoftEdge.Alpha(0.15, 0.5, Settings), 1e-15);
    }

    [Fact]
    public void Alpha_IsMonotonicTowardTheCentre()
    {
        var previous = -1.0;
        for (var u = 0.0; u <= 0.5; u += 0.01)
        {
            var a = SoftEdge.Alpha(u, 0.5, Settings);
            Assert.True(a >= previous, $"u = {u}");
            previous = a;
        }
    }

    [Fact]
    public void Alpha_NoRampsOrNoFeather_DegeneratesCleanly()
    {
        // Act / Assert: widths 0 → no soft edge; feather 0 → a step at e > 0
        Assert.Equal(1, SoftEdge.Alpha(0.01, 0.01, new SoftEdgeSettings(0, 0, 0.5)));
        Assert.Equal(1, SoftEdge.Alpha(0.01, 0.5, new SoftEdgeSettings(0.2, 0.1, 0)));
        Assert.Equal(0, SoftEdge.Alpha(0, 0.5, new SoftEdgeSettings(0.2, 0.1, 0)));
    }
}
