using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.Geometry;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Mapping;

namespace StageControl.Tracking.Tests.Mapping;

public sealed class PanTiltRollTests
{
    // The oracle prints 7 decimals: compare within 1e-6.
    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) < 1e-6, $"expected {expected}, got {actual}");

    [Fact]
    public void ToOrientation_Pan10Tilt3_MatchesOracleIfQuaternion()
    {
        // Arrange: shared/notes/math.md §3.3 — q = (yaw −10° about +Y) ⊗ (pitch +3° about +X)
        // = (0.9958533, 0.0260773, −0.0871259, 0.0022815), forward (0.173410, 0.052336, −0.983458).
        // FreeD pan is positive turning right, so yaw −10° is pan +10°.

        // Act
        var q = PanTiltRoll.ToOrientation(10, 3, 0);
        var forward = q.Rotate(new Vec3(0, 0, -1));

        // Assert
        Near(0.9958533, q.W);
        Near(0.0260773, q.X);
        Near(-0.0871259, q.Y);
        Near(0.0022815, q.Z);
        Near(0.173410, forward.X);
        Near(0.052336, forward.Y);
        Near(-0.983458, forward.Z);
    }

    [Fact]
    public void ToOrientation_PositiveRoll_TurnsUpVectorClockwiseSeenFromBehind()
    {
        // Arrange: seen from behind a camera looking down −Z, clockwise turns "up" toward +X (the right).

        // Act
        var up = PanTiltRoll.ToOrientation(0, 0, 30).Rotate(Vec3.UnitY);

        // Assert
        Assert.Equal(Math.Sin(Math.PI / 6), up.X, 12);
        Assert.Equal(Math.Cos(Math.PI / 6), up.Y, 12);
    }

    [Fact]
    public void FromOrientation_RandomAngles_RoundTrips()
    {
        var gen =
            from pan in Gen.Choose(-179_999, 180_000)
            from tilt in Gen.Choose(-89_000, 89_000)
            from roll in Gen.Choose(-179_999, 180_000)
            select (Pan: pan / 1000.0, Tilt: tilt / 1000.0, Roll: roll / 1000.0);

        Prop.ForAll(gen.ToArbitrary(), a =>
        {
            // Act
            var (pan, tilt, roll) = PanTiltRoll.FromOrientation(PanTiltRoll.ToOrientation(a.Pan, a.Tilt, a.Roll));

            // Assert
            return Math.Abs(PanTiltRoll.Wrap(pan - a.Pan)) < 1e-7
                && Math.Abs(tilt - a.Tilt) < 1e-7
                && Math.Abs(PanTiltRoll.Wrap(roll - a.Roll)) < 1e-7;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(190, -170)]
    [InlineData(-180, 180)]
    [InlineData(540, 180)]
    [InlineData(-190, 170)]
    [InlineData(0, 0)]
    public void Wrap_Angle_LandsInHalfOpenRange(double input, double expected)
    {
        // Act / Assert
        Assert.Equal(expected, PanTiltRoll.Wrap(input), 12);
    }

    [Fact]
    public void FreeDMapping_PoseA_MapsZUpMillimetresToStageMetres()
    {
        // Arrange: shared/data/freed pose_a — pan 10°, tilt −5°, X 1000 mm, Y 2000 mm, height 1500 mm.
        var d1 = FreeDSample.FromPose(3, 10, -5, 0, 1000, 2000, 1500, 0, 0, 0);

        // Act
        var sample = FreeDMapping.ToSample(d1, arrivalTimestamp: 42);

        // Assert: stage (x, z, −y) in metres; tracker +Y forward is stage −Z.
        Assert.Equal(new Vec3(1.0, 1.5, -2.0), sample.Position);
        Assert.Equal(42, sample.ArrivalTimestamp);
        Assert.Equal(3, sample.CameraId);
        Assert.True(double.IsNaN(sample.FocalLengthMm));
        var (pan, tilt, roll) = PanTiltRoll.FromOrientation(sample.Orientation);
        Assert.Equal(10, pan, 9);
        Assert.Equal(-5, tilt, 9);
        Assert.Equal(0, roll, 9);
    }

    [Fact]
    public void FreeDMapping_SampleToD1AndBack_IsExactToOneLsb()
    {
        // Arrange
        var original = FreeDSample.FromPose(1, -123.456, 12.5, -3.25, -4321.5, 987.25, 1650, 950, 12300, 20760);
        var sample = FreeDMapping.ToSample(original, 0);

        // Act
        var ok = FreeDMapping.TryFromSample(sample, original.CameraId, original.Spare, out var back);

        // Assert
        Assert.True(ok);
        Assert.Equal(original, back);
    }

    [Fact]
    public void FreeDMapping_PositionBeyondInt24_IsRefused()
    {
        // Arrange: 200 m is outside FreeD's ±131 m position range.
        var sample = new TrackingSample(0, 1, new Vec3(200, 0, 0), Quat.Identity, double.NaN, double.NaN, double.NaN, -1, -1, -1);

        // Act
        var ok = FreeDMapping.TryFromSample(sample, 1, 0, out _);

        // Assert
        Assert.False(ok);
    }
}
