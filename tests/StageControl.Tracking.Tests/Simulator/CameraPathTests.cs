using StageControl.Core.Geometry;
using StageControl.Tracking.CameraState;
using StageControl.Tracking.Simulator;

namespace StageControl.Tracking.Tests.Simulator;

public sealed class CameraPathTests
{
    public static TheoryData<CameraPathKind> Kinds => new() { CameraPathKind.Orbit, CameraPathKind.Dolly, CameraPathKind.Handheld };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sample_OverOneMinuteAt1kHz_IsContinuous(CameraPathKind kind)
    {
        // Arrange
        var path = CameraPath.Create(kind, seed: 7);
        var previous = path.Sample(0);
        double maxStep = 0, maxTurn = 0;

        // Act
        for (var i = 1; i <= 60_000; i++)
        {
            var s = path.Sample(i / 1000.0);
            maxStep = Math.Max(maxStep, Vec3.Distance(previous.Position, s.Position));
            maxTurn = Math.Max(maxTurn, QuatMath.AngleBetween(previous.Orientation, s.Orientation));
            previous = s;
        }

        // Assert: under 2 mm and 0.1° per millisecond (2 m/s, 100 °/s): no jumps, e.g. none at pan ±180° on the orbit.
        Assert.True(maxStep < 0.002, $"step {maxStep}");
        Assert.True(maxTurn < 0.1 * Math.PI / 180, $"turn {maxTurn}");
        Assert.True(maxStep > 0, "the camera should move");
    }

    [Fact]
    public void Sample_Handheld_IsDeterministicPerSeedAndDiffersAcrossSeeds()
    {
        // Arrange
        var a = CameraPath.Create(CameraPathKind.Handheld, 42);
        var b = CameraPath.Create(CameraPathKind.Handheld, 42);
        var c = CameraPath.Create(CameraPathKind.Handheld, 43);

        // Act / Assert
        for (var t = 0.0; t < 5; t += 0.37)
        {
            Assert.Equal(a.Sample(t), b.Sample(t));
        }

        Assert.NotEqual(a.Sample(1.23).Position, c.Sample(1.23).Position);
    }

    [Fact]
    public void Sample_Orbit_StaysAtRadiusAndLooksAtTheCentre()
    {
        // Arrange
        var path = CameraPath.Create(CameraPathKind.Orbit);

        for (var t = 0.0; t < 20; t += 1.3)
        {
            // Act
            var s = path.Sample(t);
            var toCentre = CameraPath.OrbitCentre - s.Position;
            var forward = s.Orientation.Rotate(new Vec3(0, 0, -1));

            // Assert
            var horizontal = Math.Sqrt((toCentre.X * toCentre.X) + (toCentre.Z * toCentre.Z));
            Assert.Equal(CameraPath.OrbitRadiusM, horizontal, 9);
            Assert.True(Vec3.Distance(toCentre.Normalized(), forward) < 1e-9, $"at {t}: {forward}");
        }
    }

    [Fact]
    public void Sample_Dolly_TurnsAroundSmoothlyAtTheEnds()
    {
        // Arrange
        var path = CameraPath.Create(CameraPathKind.Dolly);

        // Act: the far end of the track is at a quarter period (3 s).
        var end = path.Sample(3).Position.X;
        var velocityNearEnd = (path.Sample(3.001).Position.X - path.Sample(2.999).Position.X) / 0.002;
        var velocityMiddle = (path.Sample(0.001).Position.X - path.Sample(-0.001).Position.X) / 0.002;

        // Assert
        Assert.Equal(2.0, end, 9);
        Assert.True(Math.Abs(velocityNearEnd) < 1e-3);
        Assert.True(velocityMiddle > 1.0);
    }

    [Fact]
    public void TryParseKind_KnownAndUnknownNames_ParseOrFail()
    {
        // Arrange / Act / Assert
        Assert.True(CameraPath.TryParseKind("Orbit", out var k) && k == CameraPathKind.Orbit);
        Assert.True(CameraPath.TryParseKind("handheld", out k) && k == CameraPathKind.Handheld);
        Assert.False(CameraPath.TryParseKind("crane", out _));
    }
}
