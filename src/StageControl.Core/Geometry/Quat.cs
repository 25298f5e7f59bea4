using System.Globalization;

namespace StageControl.Core.Geometry;

/// <summary>
/// A rotation quaternion in double precision, written (w, x, y, z) as in shared/notes/math.md.
/// Rotating a vector is q ⊗ v ⊗ q*; composition a * b applies b first, then a.
/// </summary>
public readonly record struct Quat(double W, double X, double Y, double Z)
{
    /// <summary>The identity rotation.</summary>
    public static Quat Identity => new(1, 0, 0, 0);

    /// <summary>Rotation of <paramref name="radians"/> about a unit axis (right-hand rule).</summary>
    public static Quat FromAxisAngle(Vec3 axis, double radians)
    {
        var a = axis.Normalized();
        var h = radians / 2;
        var s = Math.Sin(h);
        return new Quat(Math.Cos(h), a.X * s, a.Y * s, a.Z * s);
    }

    /// <summary>Hamilton product: the rotation b followed by a.</summary>
    public static Quat operator *(Quat a, Quat b) => new(
        (a.W * b.W) - (a.X * b.X) - (a.Y * b.Y) - (a.Z * b.Z),
        (a.W * b.X) + (a.X * b.W) + (a.Y * b.Z) - (a.Z * b.Y),
        (a.W * b.Y) - (a.X * b.Z) + (a.Y * b.W) + (a.Z * b.X),
        (a.W * b.Z) + (a.X * b.Y) - (a.Y * b.X) + (a.Z * b.W));

    /// <summary>The conjugate (the inverse of a unit quaternion).</summary>
    public Quat Conjugate() => new(W, -X, -Y, -Z);

    /// <summary>4-D dot product.</summary>
    public static double Dot(Quat a, Quat b) => (a.W * b.W) + (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);

    /// <summary>Norm.</summary>
    public double Length => Math.Sqrt(Dot(this, this));

    /// <summary>Unit quaternion in the same direction.</summary>
    public Quat Normalized()
    {
        var n = Length;
        if (!(n > 0))
        {
            throw new InvalidOperationException("Cannot normalise a zero quaternion.");
        }

        return new Quat(W / n, X / n, Y / n, Z / n);
    }

    /// <summary>Rotates v by this (unit) quaternion: q ⊗ v ⊗ q*.</summary>
    public Vec3 Rotate(Vec3 v)
    {
        // t = 2·(q.xyz × v); v' = v + w·t + q.xyz × t — the expanded form of q ⊗ v ⊗ q*.
        var u = new Vec3(X, Y, Z);
        var t = 2 * Vec3.Cross(u, v);
        return v + (W * t) + Vec3.Cross(u, t);
    }

    /// <summary>The 3×3 rotation matrix (row-major, acting on column vectors).</summary>
    public Mat3 ToMatrix()
    {
        double xx = X * X, yy = Y * Y, zz = Z * Z, xy = X * Y, xz = X * Z, yz = Y * Z, wx = W * X, wy = W * Y, wz = W * Z;
        return new Mat3(
            1 - (2 * (yy + zz)), 2 * (xy - wz), 2 * (xz + wy),
            2 * (xy + wz), 1 - (2 * (xx + zz)), 2 * (yz - wx),
            2 * (xz - wy), 2 * (yz + wx), 1 - (2 * (xx + yy)));
    }

    /// <summary>Spherical interpolation along the shorter arc (shared/notes/math.md §7.3): q1 is negated
    /// when the dot product is negative; nearly parallel inputs fall back to normalised lerp.</summary>
    public static Quat Slerp(Quat q0, Quat q1, double u)
    {
        var cos = Dot(q0, q1);
        if (cos < 0)
        {
            q1 = new Quat(-q1.W, -q1.X, -q1.Y, -q1.Z);
            cos = -cos;
        }

        double k0, k1;
        if (cos > 0.9995)
        {
            k0 = 1 - u;
            k1 = u;
        }
        else
        {
            var theta = Math.Acos(cos);
            var sin = Math.Sin(theta);
            k0 = Math.Sin((1 - u) * theta) / sin;
            k1 = Math.Sin(u * theta) / sin;
        }

        return new Quat(
            (k0 * q0.W) + (k1 * q1.W),
            (k0 * q0.X) + (k1 * q1.X),
            (k0 * q0.Y) + (k1 * q1.Y),
            (k0 * q0.Z) + (k1 * q1.Z)).Normalized();
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({W:R}, {X:R}, {Y:R}, {Z:R})");
}
