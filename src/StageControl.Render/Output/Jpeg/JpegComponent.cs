namespace StageControl.Render.Output.Jpeg;

/// <summary>
/// One image component of a frame (T.81 §B.2.2: identifier C, sampling factors H and V, quantization table Tq), with
/// its sizes (§A.1.1) and its decoded samples.
/// </summary>
internal sealed class JpegComponent
{
    public JpegComponent(int id, int h, int v, int quantTable)
    {
        Id = id;
        H = h;
        V = v;
        QuantTable = quantTable;
    }

    public int Id { get; }

    public int H { get; }

    public int V { get; }

    public int QuantTable { get; }

    /// <summary>Samples per line and lines: ⌈X·H/Hmax⌉ × ⌈Y·V/Vmax⌉ (§A.1.1).</summary>
    public int Width { get; private set; }

    /// <summary>Lines of samples, ⌈Y·V/Vmax⌉.</summary>
    public int Height { get; private set; }

    /// <summary>Blocks that hold samples: what a non-interleaved scan covers (§A.2.2).</summary>
    public int BlocksWide { get; private set; }

    /// <summary>Block rows that hold samples.</summary>
    public int BlocksHigh { get; private set; }

    /// <summary>Blocks per line of whole MCUs: what an interleaved scan covers (§A.2.3), the plane's width in blocks.</summary>
    public int BlocksPerLine { get; private set; }

    /// <summary>Block rows of whole MCUs.</summary>
    public int BlocksPerColumn { get; private set; }

    /// <summary>Decoded 8-bit samples, <see cref="Stride"/> bytes a line, BlocksPerColumn × 8 lines.</summary>
    public byte[] Plane { get; private set; } = [];

    /// <summary>Bytes per line of <see cref="Plane"/>.</summary>
    public int Stride => BlocksPerLine * 8;

    /// <summary>Progressive frames only: every block's coefficients (natural order), filled in over the scans.</summary>
    public short[]? Coefficients { get; private set; }

    /// <summary>The quantization table (natural order), taken when the component's first scan starts.</summary>
    public int[]? Quant { get; set; }

    /// <summary>The current scan's DC table.</summary>
    public JpegHuffmanTable? Dc { get; set; }

    /// <summary>The current scan's AC table.</summary>
    public JpegHuffmanTable? Ac { get; set; }

    /// <summary>The DC predictor (§F.2.1.3.1): the last block's DC value, reset at each scan and restart.</summary>
    public int Predictor { get; set; }

    /// <summary>Whether any scan has carried this component.</summary>
    public bool Scanned { get; set; }

    /// <summary>Sizes the component for a frame and allocates its buffers.</summary>
    public void Allocate(int width, int height, int hMax, int vMax, int mcusX, int mcusY, bool progressive)
    {
        Width = (int)(((long)width * H + hMax - 1) / hMax);
        Height = (int)(((long)height * V + vMax - 1) / vMax);
        BlocksWide = (Width + 7) / 8;
        BlocksHigh = (Height + 7) / 8;
        BlocksPerLine = mcusX * H;
        BlocksPerColumn = mcusY * V;
        Plane = new byte[(long)Stride * BlocksPerColumn * 8];
        if (progressive)
        {
            Coefficients = new short[(long)BlocksPerLine * BlocksPerColumn * 64];
        }
    }
}
