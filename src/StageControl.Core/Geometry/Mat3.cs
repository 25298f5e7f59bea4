namespace StageControl.Core.Geometry;

/// <summary>A 3×3 matrix in double precision, row-major, acting on column vectors (y = M·x).</summary>
public readonly record struct Mat3(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    /// <summary>The identity matrix.</summary>
    public static Mat3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>M·v.</summary>
    public static Vec3 operator *(Mat3 m, Vec3 v) => new(
        (m.M00 * v.X) + (m.M01 * v.Y) + (m.M02 * v.Z),
        (m.M10 * v.X) + (m.M11 * v.Y) + (m.M12 * v.Z),
        (m.M20 * v.X) + (m.M21 * v.Y) + (m.M22 * v.Z));

    /// <summary>Matrix product a·b.</summary>
    public static Mat3 operator *(Mat3 a, Mat3 b) => new(
        (a.M00 * b.M00) + (a.M01 * b.M10) + (a.M02 * b.M20),
        (a.M00 * b.M01) + (a.M01 * b.M11) + (a.M02 * b.M21),
        (a.M00 * b.M02) + (a.M01 * b.M12) + (a.M02 * b.M22),
        (a.M10 * b.M00) + (a.M11 * b.M10) + (a.M12 * b.M20),
        (a.M10 * b.M01) + (a.M11 * b.M11) + (a.M12 * b.M21),
        (a.M10 * b.M02) + (a.M11 * b.M12) + (a.M12 * b.M22),
        (a.M20 * b.M00) + (a.M21 * b.M10) + (a.M22 * b.M20),
        (a.M20 * b.M01) + (a.M21 * b.M11) + (a.M22 * b.M21),
        (a.M20 * b.M02) + (a.M21 * b.M12) + (a.M22 * b.M22));

    /// <summary>Element (row, column).</summary>
    public double this[int row, int column] => (row, column) switch
    {
        (0, 0) => M00, (0, 1) => M01, (0, 2) => M02,
        (1, 0) => M10, (1, 1) => M11, (1, 2) => M12,
        (2, 0) => M20, (2, 1) => M21, (2, 2) => M22,
        _ => throw new ArgumentOutOfRangeException(nameof(row)),
    };

    /// <summary>The transpose.</summary>
    public Mat3 Transpose() => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);

    /// <summary>The determinant.</summary>
    public double Determinant =>
        (M00 * ((M11 * M22) - (M12 * M21))) - (M01 * ((M10 * M22) - (M12 * M20))) + (M02 * ((M10 * M21) - (M11 * M20)));

    /// <summary>Rows as nested arrays, for JSON output.</summary>
    public double[][] ToRows() => [[M00, M01, M02], [M10, M11, M12], [M20, M21, M22]];
}
