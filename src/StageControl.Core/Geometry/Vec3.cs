using System.Globalization;
using System.Runtime.CompilerServices;

namespace StageControl.Core.Geometry;

/// <summary>
/// A 3-vector in double precision. Stage space is right-handed, metres, +Y up (shared/notes/math.md §1).
/// System.Numerics.Vector3 is single precision, which is not enough for registration residuals of 1e-7 m
/// on a 10 m stage, so the core keeps its geometry in doubles and converts at the GPU edge.
/// </summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    /// <summary>(0, 0, 0).</summary>
    public static Vec3 Zero => default;

    /// <summary>+X, to the right.</summary>
    public static Vec3 UnitX => new(1, 0, 0);

    /// <summary>+Y, up.</summary>
    public static Vec3 UnitY => new(0, 1, 0);

    /// <summary>+Z, toward the viewer.</summary>
    public static Vec3 UnitZ => new(0, 0, 1);

    /// <summary>Component-wise sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>Component-wise difference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Negation.</summary>
    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);

    /// <summary>Scale by a scalar.</summary>
    public static Vec3 operator *(Vec3 a, double s) => new(a.X * s, a.Y * s, a.Z * s);

    /// <summary>Scale by a scalar.</summary>
    public static Vec3 operator *(double s, Vec3 a) => new(a.X * s, a.Y * s, a.Z * s);

    /// <summary>Divide by a scalar.</summary>
    public static Vec3 operator /(Vec3 a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    /// <summary>Dot product.</summary>
    public static double Dot(Vec3 a, Vec3 b) => (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);

    /// <summary>Right-handed cross product a × b.</summary>
    public static Vec3 Cross(Vec3 a, Vec3 b) =>
        new((a.Y * b.Z) - (a.Z * b.Y), (a.Z * b.X) - (a.X * b.Z), (a.X * b.Y) - (a.Y * b.X));

    /// <summary>Euclidean length.</summary>
    public double Length => Math.Sqrt(LengthSquared);

    /// <summary>Squared length.</summary>
    public double LengthSquared => Dot(this, this);

    /// <summary>The unit vector in this direction; throws on a zero vector.</summary>
    public Vec3 Normalized()
    {
        var len = Length;
        if (!(len > 0) || double.IsInfinity(len))
        {
            throw new InvalidOperationException("Cannot normalise a zero or non-finite vector.");
        }

        return this / len;
    }

    /// <summary>Distance between two points.</summary>
    public static double Distance(Vec3 a, Vec3 b) => (a - b).Length;

    /// <summary>Linear interpolation a + (b − a)·t.</summary>
    public static Vec3 Lerp(Vec3 a, Vec3 b, double t) => a + ((b - a) * t);

    /// <summary>True when every component is finite.</summary>
    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);

    /// <summary>To single precision, for the GPU edge.</summary>
    public System.Numerics.Vector3 ToVector3() => new((float)X, (float)Y, (float)Z);

    /// <summary>Maps a Z-up tracker vector (x, y, z) into Y-up stage space as (x, z, −y); det = +1
    /// (shared/notes/math.md §1).</summary>
    public static Vec3 FromZUp(double x, double y, double z) => new(x, z, -y);

    /// <summary>Parses "x,y,z" with invariant culture.</summary>
    public static bool TryParse(string? text, out Vec3 value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split(',');
        if (parts.Length != 3)
        {
            return false;
        }

        Span<double> c = stackalloc double[3];
        for (var i = 0; i < 3; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out c[i]) || !double.IsFinite(c[i]))
            {
                return false;
            }
        }

        value = new Vec3(c[0], c[1], c[2]);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({X:R}, {Y:R}, {Z:R})");
}
