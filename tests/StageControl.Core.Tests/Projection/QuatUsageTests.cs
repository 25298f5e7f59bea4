// The quaternion helpers the projection code relies on (shared/notes/math.md §3.2, §7.3, §9.2).
using StageControl.Core.Geometry;

namespace StageControl.Core.Tests.Projection;

public sealed class QuatUsageTests
{
    private static readonly Quat Q0 = Quat.FromAxisAngle(new Vec3(0.3, 1, -0.2), 0.4);
    private static readonly Quat Q1 = Quat.FromAxisAngle(new Vec3(-1, 0.5, 0.1), 1.9);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Slerp_NegatedTarget_GivesIdenticalResult(double u)
    {
        // Arrange (§7.3: q1 and −q1 are the same rotation)
        var negated = new Quat(-Q1.W, -Q1.X, -Q1.Y, -Q1.Z);

        // Act
        var a = Quat.Slerp(Q0, Q1, u);
        var b = Quat.Slerp(Q0, negated, u);

        // Assert
        Assert.Equal(a.W, b.W, 1e-12);
        Assert.Equal(a.X, b.X, 1e-12);
        Assert.Equal(a.Y, b.Y, 1e-12);
        Assert.Equal(a.Z, b.Z, 1e-12);
    }

    [Fact]
    public void Slerp_Endpoints_RotateLikeTheInputs()
    {
        var v = new Vec3(1, 2, 3);
        AssertVec(Q0.Rotate(v), Quat.Slerp(Q0, Q1, 0).Rotate(v));
        AssertVec(Q1.Rotate(v), Quat.Slerp(Q0, Q1, 1).Rotate(v));
    }

    [Fact]
    public void Rotate_MatchesMatrixAndConjugateInverts()
    {
        // Arrange
        var q = Q1 * Q0;
        var v = new Vec3(-0.7, 0.2, 5);

        // Act
        var rotated = q.Rotate(v);

        // Assert: q ⊗ v ⊗ q* equals R·v, and q* undoes it; a * b applies b first
        AssertVec(q.ToMatrix() * v, rotated);
        AssertVec(v, q.Conjugate().Rotate(rotated));
        AssertVec(Q1.Rotate(Q0.Rotate(v)), rotated);
    }

    [Fact]
    public void FromAxisAngle_YawMinus90_TurnsForwardToPlusX()
    {
        // Arrange: camera looks down −Z; a yaw of −90° about +Y turns it to look along +X (right-hand rule)
        var q = Quat.FromAxisAngle(Vec3.UnitY, -Math.PI / 2);

        // Act
        var forward = q.Rotate(new Vec3(0, 0, -1));

        // Assert
        AssertVec(new Vec3(1, 0, 0), forward);
    }

    private static void AssertVec(Vec3 expected, Vec3 actual)
    {
        Assert.Equal(expected.X, actual.X, 1e-12);
        Assert.Equal(expected.Y, actual.Y, 1e-12);
        Assert.Equal(expected.Z, actual.Z, 1e-12);
    }
}
