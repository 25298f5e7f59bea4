using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.Geometry;

namespace StageControl.Core.Tests.Geometry;

public class GeometryPrimitivesTests
{
    [Fact]
    public void Cross_UnitAxes_IsRightHanded()
    {
        // Arrange / Act
        var z = Vec3.Cross(Vec3.UnitX, Vec3.UnitY);

        // Assert: X × Y = Z in a right-handed frame (shared/notes/math.md §1).
        Assert.Equal(Vec3.UnitZ, z);
    }

    [Fact]
    public void FromZUp_TrackerAxes_MapToStageAndKeepHandedness()
    {
        // Arrange: tracker +X right, +Y forward, +Z up.
        var x = Vec3.FromZUp(1, 0, 0);
        var y = Vec3.FromZUp(0, 1, 0);
        var z = Vec3.FromZUp(0, 0, 1);

        // Act
        var det = Vec3.Dot(Vec3.Cross(x, y), z);

        // Assert: forward becomes −Z, up becomes +Y, determinant +1.
        Assert.Equal(new Vec3(1, 0, 0), x);
        Assert.Equal(new Vec3(0, 0, -1), y);
        Assert.Equal(new Vec3(0, 1, 0), z);
        Assert.Equal(1.0, det);
    }

    [Fact]
    public void Rotate_QuarterTurnAboutY_TurnsMinusZToMinusX()
    {
        // Arrange: +90° about +Y (right-hand rule) turns the −Z view direction to −X.
        var q = Quat.FromAxisAngle(Vec3.UnitY, Math.PI / 2);

        // Act
        var v = q.Rotate(new Vec3(0, 0, -1));

        // Assert
        Assert.Equal(-1, v.X, 12);
        Assert.Equal(0, v.Y, 12);
        Assert.Equal(0, v.Z, 12);
    }

    [Fact]
    public void Rotate_RandomQuaternions_MatchesMatrixAndHamiltonSandwich()
    {
        var gen =
            from w in Gen.Choose(-1000, 1000)
            from x in Gen.Choose(-1000, 1000)
            from y in Gen.Choose(-1000, 1000)
            from z in Gen.Choose(-1000, 1000)
            where (w * w) + (x * x) + (y * y) + (z * z) > 100
            select new Quat(w, x, y, z).Normalized();

        Prop.ForAll(gen.ToArbitrary(), q =>
        {
            // Arrange
            var v = new Vec3(0.3, -1.7, 2.9);

            // Act
            var byRotate = q.Rotate(v);
            var byMatrix = q.ToMatrix() * v;
            var sandwich = q * new Quat(0, v.X, v.Y, v.Z) * q.Conjugate();

            // Assert
            return Vec3.Distance(byRotate, byMatrix) < 1e-12
                && Vec3.Distance(byRotate, new Vec3(sandwich.X, sandwich.Y, sandwich.Z)) < 1e-12
                && Math.Abs(q.ToMatrix().Determinant - 1) < 1e-12;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Slerp_NegatedEndQuaternion_GivesSameRotation()
    {
        // Arrange: shared/notes/math.md §7.3 — q1 and −q1 are the same rotation.
        var q0 = Quat.FromAxisAngle(Vec3.UnitY, 0.2);
        var q1 = Quat.FromAxisAngle(new Vec3(1, 1, 0), 2.5);
        var minusQ1 = new Quat(-q1.W, -q1.X, -q1.Y, -q1.Z);

        for (var u = 0.0; u <= 1.0; u += 0.125)
        {
            // Act
            var a = Quat.Slerp(q0, q1, u);
            var b = Quat.Slerp(q0, minusQ1, u);

            // Assert
            Assert.Equal(a.W, b.W, 12);
            Assert.Equal(a.X, b.X, 12);
            Assert.Equal(a.Y, b.Y, 12);
            Assert.Equal(a.Z, b.Z, 12);
        }
    }

    [Fact]
    public void Slerp_Halfway_IsHalfTheAngle()
    {
        // Arrange
        var q0 = Quat.Identity;
        var q1 = Quat.FromAxisAngle(Vec3.UnitZ, 1.0);

        // Act
        var half = Quat.Slerp(q0, q1, 0.5);

        // Assert
        var expected = Quat.FromAxisAngle(Vec3.UnitZ, 0.5);
        Assert.Equal(expected.W, half.W, 12);
        Assert.Equal(expected.Z, half.Z, 12);
    }

    [Fact]
    public void ToNumerics_Matrix_IsTransposeAndActsOnRowVectors()
    {
        // Arrange
        var m = new Mat4([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
        var p = new Vec3(0.5, -1, 2);

        // Act
        var n = m.ToNumerics();
        var clip = m.TransformPoint(p);
        var rowVector = Vector4.Transform(new Vector4(p.ToVector3(), 1), n);

        // Assert: System.Numerics M12 is GL element (row 1, column 0), and v·Mᵀ = M·v.
        Assert.Equal(5f, n.M12);
        Assert.Equal(2f, n.M21);
        Assert.Equal((float)clip.X, rowVector.X, 5);
        Assert.Equal((float)clip.Y, rowVector.Y, 5);
        Assert.Equal((float)clip.Z, rowVector.Z, 5);
        Assert.Equal((float)clip.W, rowVector.W, 5);
    }

    [Fact]
    public void Multiply_TranslationThenPoint_ComposesRightToLeft()
    {
        // Arrange
        var scale = Mat4.FromMat3(new Mat3(2, 0, 0, 0, 2, 0, 0, 0, 2));
        var move = Mat4.Translation(new Vec3(1, 0, 0));

        // Act: (scale · move) applies move first.
        var p = (scale * move).TransformPoint(new Vec3(1, 1, 1));

        // Assert
        Assert.Equal((4.0, 2.0, 2.0, 1.0), p);
    }

    [Theory]
    [InlineData("1,2,3", true)]
    [InlineData(" -1.5 , 0.75e0 ,-18", true)]
    [InlineData("1,2", false)]
    [InlineData("1,2,3,4", false)]
    [InlineData("1,x,3", false)]
    [InlineData("1,NaN,3", false)]
    [InlineData("", false)]
    public void TryParse_Text_AcceptsOnlyThreeFiniteNumbers(string text, bool ok)
    {
        // Act
        var parsed = Vec3.TryParse(text, out _);

        // Assert
        Assert.Equal(ok, parsed);
    }

    [Fact]
    public void PanelQuad_UnitPanel_HasBasisNormalAndUpperRight()
    {
        // Arrange: a 0.5 m panel on the z = −4 plane, facing +Z.
        var panel = new PanelQuad("p", new Vec3(0, 0, -4), new Vec3(0.5, 0, -4), new Vec3(0, 0.5, -4), 176, 176);

        // Act / Assert
        Assert.Equal(new Vec3(0.5, 0.5, -4), panel.UpperRight);
        Assert.Equal(Vec3.UnitZ, panel.Normal);
        Assert.Equal(0.5, panel.Width, 15);
        Assert.Equal(new Vec3(0.25, 0.25, -4), panel.Center);
    }
}
