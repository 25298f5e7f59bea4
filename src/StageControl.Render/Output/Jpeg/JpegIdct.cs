// Dequantization and the 8×8 inverse DCT (ITU-T T.81 §A.3.3, §A.3.4), then level shift and clamping to 8 bits.
using System.Buffers.Binary;
using System.Runtime.Intrinsics;

namespace StageControl.Render.Output.Jpeg;

/// <summary>
/// The IDCT of T.81 §A.3.3 evaluated directly as a separable float matrix product (no fast factorisation such as
/// AAN or LL&amp;M): f(y, x) = Σv Σu K[y, v]·K[x, u]·F(v, u) with K[x, u] = C(u)/2 · cos((2x + 1)uπ/16), C(0) = 1/√2,
/// C(u) = 1 otherwise. Column pass: T[u] (a vector over y) = Σv F(v, u)·Kcol[v], skipping zero coefficients (most
/// are); row pass: f[y] (a vector over x) = Σu T[u][y]·Kcol[u]. Each is eight-wide <see cref="Vector256{T}"/>
/// arithmetic. Output = clamp(⌊f + 128 + ½⌋, 0, 255): level shift by 2^(P−1) (§A.3.1) and rounding to nearest.
/// </summary>
internal static class JpegIdct
{
    // Kcol[u] as 8 lanes over x: K[x, u]; stored row u = 8 floats.
    private static readonly float[] Basis = CreateBasis();

    /// <summary>
    /// Dequantizes <paramref name="coefficients"/> (natural order) by <paramref name="quant"/> (natural order),
    /// transforms them and writes the 8×8 samples at <paramref name="offset"/> in <paramref name="plane"/>.
    /// <paramref name="scratch"/> holds 64 floats.
    /// </summary>
    public static void Transform(ReadOnlySpan<short> coefficients, ReadOnlySpan<int> quant, Span<float> scratch, Span<byte> plane, int offset, int stride)
    {
        var basis = Basis.AsSpan();
        var k0 = Vector256.Create(basis[..8]);
        var k1 = Vector256.Create(basis.Slice(8, 8));
        var k2 = Vector256.Create(basis.Slice(16, 8));
        var k3 = Vector256.Create(basis.Slice(24, 8));
        var k4 = Vector256.Create(basis.Slice(32, 8));
        var k5 = Vector256.Create(basis.Slice(40, 8));
        var k6 = Vector256.Create(basis.Slice(48, 8));
        var k7 = Vector256.Create(basis.Slice(56, 8));

        // Column pass: for each horizontal frequency u, T[u][y] = Σv K[y, v]·F(v, u), a vector over y.
        for (var u = 0; u < 8; u++)
        {
            var column = Vector256<float>.Zero;
            column = Add(column, coefficients[u] * quant[u], k0);
            column = Add(column, coefficients[8 + u] * quant[8 + u], k1);
            column = Add(column, coefficients[16 + u] * quant[16 + u], k2);
            column = Add(column, coefficients[24 + u] * quant[24 + u], k3);
            column = Add(column, coefficients[32 + u] * quant[32 + u], k4);
            column = Add(column, coefficients[40 + u] * quant[40 + u], k5);
            column = Add(column, coefficients[48 + u] * quant[48 + u], k6);
            column = Add(column, coefficients[56 + u] * quant[56 + u], k7);
            column.CopyTo(scratch.Slice(u * 8, 8));
        }

        // Row pass: f[y][x] = Σu K[x, u]·T[u][y], a vector over x.
        var bias = Vector256.Create(128.5f);
        var max = Vector256.Create(255f);
        for (var y = 0; y < 8; y++)
        {
            var row = bias;
            row += Vector256.Create(scratch[y]) * k0;
            row += Vector256.Create(scratch[8 + y]) * k1;
            row += Vector256.Create(scratch[16 + y]) * k2;
            row += Vector256.Create(scratch[24 + y]) * k3;
            row += Vector256.Create(scratch[32 + y]) * k4;
            row += Vector256.Create(scratch[40 + y]) * k5;
            row += Vector256.Create(scratch[48 + y]) * k6;
            row += Vector256.Create(scratch[56 + y]) * k7;
            var samples = Vector256.ConvertToInt32(Vector256.Min(Vector256.Max(row, Vector256<float>.Zero), max));
            var bytes = Vector256.Narrow(Vector256.Narrow(samples, Vector256<int>.Zero), Vector256<short>.Zero).AsUInt64();
            BinaryPrimitives.WriteUInt64LittleEndian(plane.Slice(offset + (y * stride), 8), bytes.ToScalar());
        }
    }

    private static Vector256<float> Add(Vector256<float> sum, int coefficient, Vector256<float> basis) =>
        coefficient == 0 ? sum : sum + (Vector256.Create((float)coefficient) * basis);

    private static float[] CreateBasis()
    {
        var basis = new float[64];
        for (var u = 0; u < 8; u++)
        {
            var c = u == 0 ? 1 / Math.Sqrt(2) : 1;
            for (var x = 0; x < 8; x++)
            {
                basis[(u * 8) + x] = (float)(c / 2 * Math.Cos(((2 * x) + 1) * u * Math.PI / 16));
            }
        }

        return basis;
    }
}
