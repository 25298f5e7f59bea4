using System.Numerics;

namespace StageControl.Core.Geometry;

/// <summary>
/// A 4×4 matrix in double precision in the <b>GL convention</b> of shared/notes/math.md §1: written
/// row-major and applied to column vectors (clip = M·[x y z 1]ᵀ). <see cref="ToNumerics"/> gives the
/// System.Numerics (row-vector, v·M) form, whose fields are the transpose.
/// </summary>
public readonly struct Mat4 : IEquatable<Mat4>
{
    private readonly double[] _m;

    /// <summary>Builds from 16 values in row-major order.</summary>
    public Mat4(ReadOnlySpan<double> rowMajor)
    {
        if (rowMajor.Length != 16)
        {
            throw new ArgumentException("A 4×4 matrix needs 16 values.", nameof(rowMajor));
        }

        _m = rowMajor.ToArray();
    }

    /// <summary>The identity matrix.</summary>
    public static Mat4 Identity => new([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);

    /// <summary>Element (row, column).</summary>
    public double this[int row, int column] => (_m ?? Identity._m)[(row * 4) + column];

    /// <summary>A translation by t.</summary>
    public static Mat4 Translation(Vec3 t) => new([1, 0, 0, t.X, 0, 1, 0, t.Y, 0, 0, 1, t.Z, 0, 0, 0, 1]);

    /// <summary>Embeds a 3×3 rotation/linear part.</summary>
    public static Mat4 FromMat3(Mat3 r) => new([
        r.M00, r.M01, r.M02, 0,
        r.M10, r.M11, r.M12, 0,
        r.M20, r.M21, r.M22, 0,
        0, 0, 0, 1]);

    /// <summary>Matrix product a·b (b applies first to a column vector).</summary>
    public static Mat4 operator *(Mat4 a, Mat4 b)
    {
        Span<double> r = stackalloc double[16];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                double s = 0;
                for (var k = 0; k < 4; k++)
                {
                    s += a[i, k] * b[k, j];
                }

                r[(i * 4) + j] = s;
            }
        }

        return new Mat4(r);
    }

    /// <summary>M·[x y z w]ᵀ.</summary>
    public (double X, double Y, double Z, double W) Transform(double x, double y, double z, double w) => (
        (this[0, 0] * x) + (this[0, 1] * y) + (this[0, 2] * z) + (this[0, 3] * w),
        (this[1, 0] * x) + (this[1, 1] * y) + (this[1, 2] * z) + (this[1, 3] * w),
        (this[2, 0] * x) + (this[2, 1] * y) + (this[2, 2] * z) + (this[2, 3] * w),
        (this[3, 0] * x) + (this[3, 1] * y) + (this[3, 2] * z) + (this[3, 3] * w));

    /// <summary>Transforms a point (w = 1) and returns clip coordinates.</summary>
    public (double X, double Y, double Z, double W) TransformPoint(Vec3 p) => Transform(p.X, p.Y, p.Z, 1);

    /// <summary>Rows as nested arrays, for JSON output.</summary>
    public double[][] ToRows()
    {
        var rows = new double[4][];
        for (var i = 0; i < 4; i++)
        {
            rows[i] = [this[i, 0], this[i, 1], this[i, 2], this[i, 3]];
        }

        return rows;
    }

    /// <summary>
    /// The System.Numerics form: a <see cref="Matrix4x4"/> for row vectors (v·M), i.e. the transpose of this
    /// matrix. Its memory order is what OpenGL reads as column-major, so it uploads with transpose = false
    /// (shared/notes/math.md §1).
    /// </summary>
    public Matrix4x4 ToNumerics() => new(
        (float)this[0, 0], (float)this[1, 0], (float)this[2, 0], (float)this[3, 0],
        (float)this[0, 1], (float)this[1, 1], (float)this[2, 1], (float)this[3, 1],
        (float)this[0, 2], (float)this[1, 2], (float)this[2, 2], (float)this[3, 2],
        (float)this[0, 3], (float)this[1, 3], (float)this[2, 3], (float)this[3, 3]);

    /// <inheritdoc />
    public bool Equals(Mat4 other)
    {
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                if (!this[i, j].Equals(other[i, j]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Mat4 m && Equals(m);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = default(HashCode);
        for (var i = 0; i < 16; i++)
        {
            h.Add(this[i / 4, i % 4]);
        }

        return h.ToHashCode();
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Mat4 left, Mat4 right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Mat4 left, Mat4 right) => !left.Equals(right);
}
