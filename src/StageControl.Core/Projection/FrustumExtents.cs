namespace StageControl.Core.Projection;

/// <summary>
/// An off-centre perspective frustum on its near plane, in the eye's frame (x right, y up, looking down −Z):
/// the near-plane window [<see cref="Left"/>, <see cref="Right"/>] × [<see cref="Bottom"/>, <see cref="Top"/>] at
/// distance <see cref="Near"/>, clipped at <see cref="Far"/>. Any of left/right/bottom/top may have either sign.
/// For a Kooima screen, <see cref="Distance"/> is d, the eye-to-screen-plane distance along vn; for other
/// frusta it is 0.
/// </summary>
/// <param name="Left">l, at the near plane.</param>
/// <param name="Right">r, at the near plane.</param>
/// <param name="Bottom">b, at the near plane.</param>
/// <param name="Top">t, at the near plane.</param>
/// <param name="Near">n &gt; 0.</param>
/// <param name="Far">f &gt; n.</param>
/// <param name="Distance">d (Kooima), or 0.</param>
public readonly record struct FrustumExtents(double Left, double Right, double Bottom, double Top, double Near, double Far, double Distance)
{
    /// <summary>
    /// Writes the perspective matrix P (shared/notes/math.md §2.1 step 5, §2.2) into <paramref name="rowMajor"/>
    /// (16 values, row-major, for column vectors). Allocation-free.
    /// </summary>
    public void WritePerspective(DepthRange depth, Span<double> rowMajor)
    {
        if (rowMajor.Length < 16)
        {
            throw new ArgumentException("The destination needs 16 values.", nameof(rowMajor));
        }

        PerspectiveTerms(depth, out var a, out var b, out var c, out var dd, out var e, out var f);
        rowMajor[..16].Clear();
        rowMajor[0] = a;
        rowMajor[2] = c;
        rowMajor[5] = b;
        rowMajor[6] = dd;
        rowMajor[10] = e;
        rowMajor[11] = f;
        rowMajor[14] = -1;
    }

    /// <summary>
    /// The non-zero terms of P: row 0 = [a, 0, c, 0], row 1 = [0, b, d, 0], row 2 = [0, 0, e, f], row 3 = [0, 0, −1, 0].
    /// </summary>
    internal void PerspectiveTerms(DepthRange depth, out double a, out double b, out double c, out double d, out double e, out double f)
    {
        double n = Near, fa = Far;
        a = 2 * n / (Right - Left);
        b = 2 * n / (Top - Bottom);
        c = (Right + Left) / (Right - Left);
        d = (Top + Bottom) / (Top - Bottom);
        if (depth == DepthRange.ZeroToOne)
        {
            // §2.2: row2₀₁ = (row2_gl + row3) / 2.
            e = -fa / (fa - n);
            f = -fa * n / (fa - n);
        }
        else
        {
            e = -(fa + n) / (fa - n);
            f = -2 * fa * n / (fa - n);
        }
    }
}
