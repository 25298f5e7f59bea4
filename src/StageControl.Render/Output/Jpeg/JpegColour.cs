// Chroma upsampling and JFIF YCbCr → RGB for decoded JPEG component planes.
namespace StageControl.Render.Output.Jpeg;

/// <summary>
/// Turns a frame's component planes into RGBA8 (alpha 255, top row first, the layout <see cref="PngDecoder"/> gives).
/// <para>
/// Upsampling: a component sampled at half the horizontal and/or vertical rate of the largest (2:1 ratios: 4:2:2,
/// 4:2:0, 4:4:0) uses libjpeg's "fancy" triangle filter — each output sample is ¾ of the nearer input sample plus ¼
/// of the next-nearer one in each halved direction, with libjpeg's alternating rounding biases and the edge samples
/// repeated (libjpeg-turbo jdsample.c h2v1/h2v2/h1v2_fancy_upsample; a horizontal 2:1 component only 2 samples wide
/// is replicated instead, as there). Every other integral ratio (4:1:1, 3:1 …) replicates samples.
/// </para>
/// <para>
/// Colour: ITU-T T.871 (JFIF) §7: R = Y + 1.402 (Cr − 128), G = Y − 0.344136 (Cb − 128) − 0.714136 (Cr − 128),
/// B = Y + 1.772 (Cb − 128), rounded to nearest and clamped to 0..255 (16-bit fixed point for G).
/// </para>
/// </summary>
internal static class JpegColour
{
    private static readonly int[] CrToR = Table(1.402, 0);
    private static readonly int[] CbToB = Table(1.772, 0);
    private static readonly int[] CbToG = Table(-0.344136 * 65536, 32768); // carries the ½ that rounds G
    private static readonly int[] CrToG = Table(-0.714136 * 65536, 0);

    /// <summary>The frame's pixels as RGBA8, width × height × 4 bytes.</summary>
    public static byte[] ToRgba(JpegFrame frame)
    {
        var width = frame.Width;
        var rgba = new byte[(long)width * frame.Height * 4];
        if (frame.Components.Length == 1)
        {
            var grey = frame.Components[0];
            for (var y = 0; y < frame.Height; y++)
            {
                var row = grey.Plane.AsSpan(y * grey.Stride, width);
                var target = rgba.AsSpan(y * width * 4, width * 4);
                for (var x = 0; x < row.Length; x++)
                {
                    var v = row[x];
                    target[x * 4] = v;
                    target[(x * 4) + 1] = v;
                    target[(x * 4) + 2] = v;
                    target[(x * 4) + 3] = 255;
                }
            }

            return rgba;
        }

        var c0 = frame.Components[0];
        var c1 = frame.Components[1];
        var c2 = frame.Components[2];
        var scratch0 = new byte[width + 4];
        var scratch1 = new byte[width + 4];
        var scratch2 = new byte[width + 4];
        for (var y = 0; y < frame.Height; y++)
        {
            var yRow = Row(frame, c0, y, scratch0);
            var cbRow = Row(frame, c1, y, scratch1);
            var crRow = Row(frame, c2, y, scratch2);
            var target = rgba.AsSpan(y * width * 4, width * 4);
            for (var x = 0; x < width; x++)
            {
                int luma = yRow[x], cb = cbRow[x], cr = crRow[x];
                target[x * 4] = Clamp(luma + CrToR[cr]);
                target[(x * 4) + 1] = Clamp(luma + ((CbToG[cb] + CrToG[cr]) >> 16));
                target[(x * 4) + 2] = Clamp(luma + CbToB[cb]);
                target[(x * 4) + 3] = 255;
            }
        }

        return rgba;
    }

    /// <summary>Output line <paramref name="y"/> of a component at full resolution (the first frame-width samples).</summary>
    private static ReadOnlySpan<byte> Row(JpegFrame frame, JpegComponent c, int y, byte[] scratch)
    {
        var fx = frame.HMax / c.H;
        var fy = frame.VMax / c.V;
        var width = frame.Width;
        if (fx == 1 && fy == 1)
        {
            return c.Plane.AsSpan(y * c.Stride, width);
        }

        var near = Line(c, y / fy);
        if (fx == 2 && fy == 1 && c.Width > 2)
        {
            FancyH2V1(near, c.Width, scratch);
        }
        else if (fx == 1 && fy == 2)
        {
            // The upper output line of a pair leans on the line above, the lower one on the line below.
            var upper = (y & 1) == 0;
            var far = Line(c, upper ? (y >> 1) - 1 : (y >> 1) + 1);
            var bias = upper ? 1 : 2;
            for (var x = 0; x < width; x++)
            {
                scratch[x] = (byte)(((near[x] * 3) + far[x] + bias) >> 2);
            }
        }
        else if (fx == 2 && fy == 2 && c.Width > 2)
        {
            var far = Line(c, (y & 1) == 0 ? (y >> 1) - 1 : (y >> 1) + 1);
            FancyH2V2(near, far, c.Width, scratch);
        }
        else
        {
            for (var x = 0; x < width; x++)
            {
                scratch[x] = near[x / fx];
            }
        }

        return scratch.AsSpan(0, width);
    }

    /// <summary>A component's line, clamped to its real lines (libjpeg repeats the first and last line at the edges).</summary>
    private static ReadOnlySpan<byte> Line(JpegComponent c, int line) =>
        c.Plane.AsSpan(Math.Clamp(line, 0, c.Height - 1) * c.Stride, c.Width);

    /// <summary>Horizontal 2:1 triangle filter: out[2i] = (3·in[i] + in[i−1] + 1) / 4, out[2i+1] = (3·in[i] + in[i+1] + 2) / 4.</summary>
    private static void FancyH2V1(ReadOnlySpan<byte> input, int samples, Span<byte> output)
    {
        output[0] = input[0];
        output[1] = (byte)(((input[0] * 3) + input[1] + 2) >> 2);
        for (var i = 1; i < samples - 1; i++)
        {
            var v = input[i] * 3;
            output[2 * i] = (byte)((v + input[i - 1] + 1) >> 2);
            output[(2 * i) + 1] = (byte)((v + input[i + 1] + 2) >> 2);
        }

        var last = samples - 1;
        output[2 * last] = (byte)(((input[last] * 3) + input[last - 1] + 1) >> 2);
        output[(2 * last) + 1] = input[last];
    }

    /// <summary>
    /// 2:1 both ways: column sums s = 3·near + far, then out[2i] = (3·s[i] + s[i−1] + 8) / 16 and
    /// out[2i+1] = (3·s[i] + s[i+1] + 7) / 16, the edge columns using 4·s.
    /// </summary>
    private static void FancyH2V2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, int samples, Span<byte> output)
    {
        var last = samples - 1;
        var previous = (near[0] * 3) + far[0];
        var current = previous;
        for (var i = 0; i < samples; i++)
        {
            var next = i < last ? (near[i + 1] * 3) + far[i + 1] : current;
            output[2 * i] = (byte)(i == 0 ? ((current * 4) + 8) >> 4 : ((current * 3) + previous + 8) >> 4);
            output[(2 * i) + 1] = (byte)(i == last ? ((current * 4) + 7) >> 4 : ((current * 3) + next + 7) >> 4);
            previous = current;
            current = next;
        }
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    private static int[] Table(double factor, int add)
    {
        var table = new int[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = (int)Math.Round(factor * (i - 128), MidpointRounding.AwayFromZero) + add;
        }

        return table;
    }
}
