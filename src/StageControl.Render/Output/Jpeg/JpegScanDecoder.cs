// Decodes one scan's entropy-coded data: sequential (T.81 §F.2) and progressive (§G.1.2) Huffman coding.
using System.Diagnostics.CodeAnalysis;

namespace StageControl.Render.Output.Jpeg;

/// <summary>
/// Walks a scan's MCUs (§A.2: one block per MCU when the scan has one component, else each component's H × V blocks
/// in turn), handling restart intervals (§B.2.4.4, §E.1.4: RSTm markers numbered modulo 8, after which DC predictors
/// and the EOB run are reset). Sequential blocks go straight through the IDCT into the component's plane; progressive
/// scans add to the stored coefficients, which are transformed once all scans are in.
/// </summary>
internal static class JpegScanDecoder
{
    /// <summary>Zig-zag order (T.81 Figure A.6): the natural (row-major) index of the k-th coefficient.</summary>
    public static ReadOnlySpan<byte> ZigZag =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    private enum Mode
    {
        Sequential,
        DcFirst,
        DcRefine,
        AcFirst,
        AcRefine,
    }

    /// <summary>
    /// Decodes the scan whose entropy-coded data starts at <paramref name="start"/> and returns the offset of the marker
    /// that follows it (the data's length when none does).
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, int start, JpegFrame frame, JpegComponent[] components, JpegScanParameters scan)
    {
        var mode = !frame.Progressive ? Mode.Sequential
            : scan.Ss == 0 ? (scan.Ah == 0 ? Mode.DcFirst : Mode.DcRefine)
            : (scan.Ah == 0 ? Mode.AcFirst : Mode.AcRefine);
        var single = components.Length == 1;
        var mcusX = single ? components[0].BlocksWide : frame.McusX;
        var mcusY = single ? components[0].BlocksHigh : frame.McusY;
        var total = mcusX * mcusY;
        foreach (var c in components)
        {
            c.Predictor = 0;
        }

        var reader = new JpegBitReader(data, start);
        Span<short> block = stackalloc short[64];
        Span<float> scratch = stackalloc float[64];
        var eobRun = 0;
        var restart = 0;
        for (var mcu = 0; mcu < total; mcu++)
        {
            if (scan.RestartInterval > 0 && mcu > 0 && mcu % scan.RestartInterval == 0)
            {
                ReadRestart(data, ref reader, restart);
                restart = (restart + 1) & 7;
                eobRun = 0;
                foreach (var c in components)
                {
                    c.Predictor = 0;
                }
            }

            var mx = mcu % mcusX;
            var my = mcu / mcusX;
            if (single)
            {
                DecodeBlock(ref reader, mode, components[0], mx, my, scan, ref eobRun, block, scratch);
                continue;
            }

            foreach (var c in components)
            {
                for (var v = 0; v < c.V; v++)
                {
                    for (var h = 0; h < c.H; h++)
                    {
                        DecodeBlock(ref reader, mode, c, (mx * c.H) + h, (my * c.V) + v, scan, ref eobRun, block, scratch);
                    }
                }
            }
        }

        return reader.FindMarker();
    }

    private static void DecodeBlock(ref JpegBitReader reader, Mode mode, JpegComponent c, int bx, int by, JpegScanParameters scan, ref int eobRun, scoped Span<short> block, scoped Span<float> scratch)
    {
        if (mode == Mode.Sequential)
        {
            DecodeSequential(ref reader, c, block);
            JpegIdct.Transform(block, c.Quant, scratch, c.Plane, (by * 8 * c.Stride) + (bx * 8), c.Stride);
            return;
        }

        var coefficients = c.Coefficients.AsSpan(((by * c.BlocksPerLine) + bx) * 64, 64);
        switch (mode)
        {
            case Mode.DcFirst:
                c.Predictor += DecodeDcDifference(ref reader, c.Dc!);
                coefficients[0] = (short)(c.Predictor * (1 << scan.Al));
                break;
            case Mode.DcRefine:
                // §G.1.2.1: one correction bit per block.
                if (reader.Bits(1) != 0)
                {
                    coefficients[0] |= (short)(1 << scan.Al);
                }

                break;
            case Mode.AcFirst:
                DecodeAcFirst(ref reader, c.Ac!, coefficients, scan, ref eobRun);
                break;
            default:
                DecodeAcRefine(ref reader, c.Ac!, coefficients, scan, ref eobRun);
                break;
        }
    }

    /// <summary>§F.2.2.1 (DC, Figure F.12) and §F.2.2.2 (AC, Figure F.13): one block, natural order.</summary>
    private static void DecodeSequential(ref JpegBitReader reader, JpegComponent c, scoped Span<short> block)
    {
        block.Clear();
        c.Predictor += DecodeDcDifference(ref reader, c.Dc!);
        block[0] = (short)c.Predictor;
        var ac = c.Ac!;
        for (var k = 1; k < 64;)
        {
            var rs = ac.Decode(ref reader);
            var run = rs >> 4;
            var s = rs & 15;
            if (s == 0)
            {
                if (run != 15)
                {
                    break; // EOB
                }

                k += 16; // ZRL: sixteen zeros
                continue;
            }

            k += run;
            if (k > 63)
            {
                ThrowRunPastEnd(reader.Offset);
            }

            block[ZigZag[k]] = (short)reader.Extend(s);
            k++;
        }
    }

    private static int DecodeDcDifference(ref JpegBitReader reader, JpegHuffmanTable dc)
    {
        var s = dc.Decode(ref reader);
        if (s > 11)
        {
            // Table F.1: DC difference categories run 0..11 for 8-bit samples.
            ThrowCategory(s, reader.Offset);
        }

        return s == 0 ? 0 : reader.Extend(s);
    }

    /// <summary>§G.1.2.2: the first scan of a spectral band, with end-of-band runs spanning blocks (Table G.1).</summary>
    private static void DecodeAcFirst(ref JpegBitReader reader, JpegHuffmanTable ac, scoped Span<short> block, JpegScanParameters scan, ref int eobRun)
    {
        if (eobRun > 0)
        {
            eobRun--;
            return;
        }

        for (var k = scan.Ss; k <= scan.Se;)
        {
            var rs = ac.Decode(ref reader);
            var run = rs >> 4;
            var s = rs & 15;
            if (s == 0)
            {
                if (run < 15)
                {
                    // EOBr: this block and 2^r − 1 + (r bits) more end here.
                    eobRun = (1 << run) - 1 + reader.Bits(run);
                    break;
                }

                k += 16;
                continue;
            }

            k += run;
            if (k > 63)
            {
                ThrowRunPastEnd(reader.Offset);
            }

            block[ZigZag[k]] = (short)(reader.Extend(s) * (1 << scan.Al));
            k++;
        }
    }

    /// <summary>
    /// §G.1.2.3: a refinement scan of a band. Each decoded symbol places one new ±2^Al coefficient after skipping
    /// `run` zero-history positions, and every coefficient that already has history on the way gets a correction bit;
    /// within an end-of-band run only the correction bits follow.
    /// </summary>
    private static void DecodeAcRefine(ref JpegBitReader reader, JpegHuffmanTable ac, scoped Span<short> block, JpegScanParameters scan, ref int eobRun)
    {
        var plus = 1 << scan.Al;
        var minus = -1 << scan.Al;
        var k = scan.Ss;
        if (eobRun == 0)
        {
            for (; k <= scan.Se; k++)
            {
                var rs = ac.Decode(ref reader);
                var run = rs >> 4;
                var s = rs & 15;
                var value = 0;
                if (s == 0)
                {
                    if (run < 15)
                    {
                        eobRun = (1 << run) + reader.Bits(run);
                        break;
                    }
                }
                else
                {
                    if (s != 1)
                    {
                        ThrowCategory(s, reader.Offset);
                    }

                    value = reader.Bits(1) != 0 ? plus : minus;
                }

                while (k <= scan.Se)
                {
                    var z = ZigZag[k];
                    if (block[z] != 0)
                    {
                        Refine(ref reader, ref block[z], plus, minus);
                    }
                    else
                    {
                        if (run == 0)
                        {
                            if (value != 0)
                            {
                                block[z] = (short)value;
                            }

                            break;
                        }

                        run--;
                    }

                    k++;
                }
            }
        }

        if (eobRun > 0)
        {
            for (; k <= scan.Se; k++)
            {
                var z = ZigZag[k];
                if (block[z] != 0)
                {
                    Refine(ref reader, ref block[z], plus, minus);
                }
            }

            eobRun--;
        }
    }

    /// <summary>A correction bit for a coefficient with history: adds 2^Al away from zero unless that bit is set.</summary>
    private static void Refine(ref JpegBitReader reader, ref short coefficient, int plus, int minus)
    {
        if (reader.Bits(1) != 0 && (coefficient & plus) == 0)
        {
            coefficient = (short)(coefficient + (coefficient >= 0 ? plus : minus));
        }
    }

    private static void ReadRestart(ReadOnlySpan<byte> data, ref JpegBitReader reader, int expected)
    {
        var at = reader.FindMarker();
        if (at + 1 >= data.Length)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: the data ends at byte {at} where marker RST{expected} was expected (truncated)."));
        }

        if (data[at + 1] != 0xD0 + expected)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: expected marker RST{expected} at byte {at}, found {JpegMarkers.Name(data[at + 1])}."));
        }

        reader.Restart(at + 2);
    }

    [DoesNotReturn]
    private static void ThrowRunPastEnd(int offset) =>
        throw new InvalidDataException(FormattableString.Invariant($"JPEG: a zero run passes coefficient 63 near byte {offset} (corrupt data)."));

    [DoesNotReturn]
    private static void ThrowCategory(int s, int offset) =>
        throw new InvalidDataException(FormattableString.Invariant($"JPEG: magnitude category {s} is out of range near byte {offset} (corrupt data)."));
}
