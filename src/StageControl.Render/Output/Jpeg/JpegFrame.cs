namespace StageControl.Render.Output.Jpeg;

/// <summary>
/// The frame (T.81 §B.2.2): image size, components and the MCU grid of an interleaved scan (§A.2.3: MCUs of
/// Hmax × Vmax blocks' worth of samples, ⌈X / 8Hmax⌉ × ⌈Y / 8Vmax⌉ of them).
/// </summary>
internal sealed class JpegFrame
{
    public JpegFrame(int width, int height, bool progressive, JpegComponent[] components)
    {
        Width = width;
        Height = height;
        Progressive = progressive;
        Components = components;
        foreach (var c in components)
        {
            HMax = Math.Max(HMax, c.H);
            VMax = Math.Max(VMax, c.V);
        }

        McusX = (width + (8 * HMax) - 1) / (8 * HMax);
        McusY = (height + (8 * VMax) - 1) / (8 * VMax);
        foreach (var c in components)
        {
            c.Allocate(width, height, HMax, VMax, McusX, McusY, progressive);
        }
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>SOF2: coefficients are gathered over the scans and transformed at the end.</summary>
    public bool Progressive { get; }

    public JpegComponent[] Components { get; }

    public int HMax { get; }

    public int VMax { get; }

    public int McusX { get; }

    public int McusY { get; }

    /// <summary>Progressive frames: transforms every block's gathered coefficients into the component planes.</summary>
    public void TransformCoefficients()
    {
        Span<float> scratch = stackalloc float[64];
        foreach (var c in Components)
        {
            var coefficients = c.Coefficients!;
            for (var by = 0; by < c.BlocksHigh; by++)
            {
                for (var bx = 0; bx < c.BlocksWide; bx++)
                {
                    var block = coefficients.AsSpan(((by * c.BlocksPerLine) + bx) * 64, 64);
                    JpegIdct.Transform(block, c.Quant, scratch, c.Plane, (by * 8 * c.Stride) + (bx * 8), c.Stride);
                }
            }
        }
    }
}
