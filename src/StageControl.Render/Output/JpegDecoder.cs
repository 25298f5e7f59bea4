// JPEG reader for the textures glTF files embed (ITU-T T.81 | ISO/IEC 10918-1, JFIF ITU-T T.871), written here.
using System.Buffers.Binary;
using StageControl.Render.Output.Jpeg;

namespace StageControl.Render.Output;

/// <summary>
/// Decodes Huffman-coded DCT JPEGs — baseline sequential (SOF0), extended sequential with 8-bit samples (SOF1, 8- or
/// 16-bit quantization tables, up to 4 tables of each kind) and progressive (SOF2: spectral selection and successive
/// approximation) — with 1 (grey) or 3 (YCbCr, JFIF) components, any integral sampling ratios (4:4:4, 4:2:2, 4:2:0,
/// 4:1:1, 4:4:0 …) and restart intervals (DRI/RSTn), into RGBA8 (alpha 255), top row first: the layout
/// <see cref="PngDecoder"/> gives. APPn segments (JFIF, EXIF orientation, Adobe colour transform, ICC) and COM are
/// skipped: three components are always YCbCr.
/// <para>
/// Refused with an <see cref="InvalidDataException"/> naming the marker and its byte offset: arithmetic coding
/// (SOF9–SOF15, DAC), lossless and hierarchical processes (SOF3, SOF5–SOF7, DHP, EXP), JPEG-LS, 12-bit samples,
/// 2 or 4 components (CMYK/YCCK), a height left to DNL, fractional sampling ratios, images over
/// <see cref="MaxPixels"/> pixels, and truncated or corrupt data (the message names the byte offset).
/// </para>
/// Pipeline: Huffman decoding → dequantization → float IDCT (JpegIdct: the §A.3.3 formula as a separable matrix
/// product) → 8-bit planes → chroma upsampling (libjpeg's "fancy" triangle filter for 2:1 ratios, replication
/// otherwise) → T.871 YCbCr → RGB (JpegColour).
/// </summary>
public static class JpegDecoder
{
    /// <summary>The largest image accepted: 8192 × 8192 pixels (width × height), 256 MiB of RGBA.</summary>
    public const int MaxPixels = 8192 * 8192;

    /// <summary>
    /// Whether the data starts like a JPEG: SOI then the 0xFF of the next marker (0xFF 0xD8 0xFF; the pattern glTF 2.0
    /// §3.8.3 "Images" gives for image/jpeg).
    /// </summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    /// <summary>Decodes a JPEG file's bytes into RGBA8, top row first.</summary>
    /// <exception cref="InvalidDataException">Not a JPEG, an unsupported process or format, or truncated/corrupt data.</exception>
    public static PngImage Decode(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 2 || jpeg[0] != 0xFF || jpeg[1] != JpegMarkers.Soi)
        {
            throw new InvalidDataException("JPEG: missing the SOI marker (0xFFD8) at byte 0.");
        }

        var quant = new int[4][];
        var dc = new JpegHuffmanTable?[4];
        var ac = new JpegHuffmanTable?[4];
        JpegFrame? frame = null;
        var restartInterval = 0;
        var position = 2;
        while (true)
        {
            var at = position;
            var marker = NextMarker(jpeg, ref position);
            switch (marker)
            {
                case JpegMarkers.Eoi:
                    return Finish(frame, at);
                case JpegMarkers.Sof0 or JpegMarkers.Sof1 or JpegMarkers.Sof2:
                    if (frame is not null)
                    {
                        throw new InvalidDataException(FormattableString.Invariant($"JPEG: a second frame header ({JpegMarkers.Name(marker)} at byte {at}) is not supported (hierarchical process)."));
                    }

                    frame = ReadFrame(Segment(jpeg, ref position, marker, at), marker, at);
                    break;
                case JpegMarkers.Dht:
                    ReadHuffmanTables(Segment(jpeg, ref position, marker, at), dc, ac, at);
                    break;
                case JpegMarkers.Dqt:
                    ReadQuantTables(Segment(jpeg, ref position, marker, at), quant, at);
                    break;
                case JpegMarkers.Dri:
                    restartInterval = ReadRestartInterval(Segment(jpeg, ref position, marker, at), at);
                    break;
                case JpegMarkers.Sos:
                    var header = Segment(jpeg, ref position, marker, at);
                    if (frame is null)
                    {
                        throw new InvalidDataException(FormattableString.Invariant($"JPEG: SOS at byte {at} comes before any frame header (SOFn)."));
                    }

                    var (components, scan) = ReadScanHeader(header, frame, quant, dc, ac, restartInterval, at);
                    position = JpegScanDecoder.Decode(jpeg, position, frame, components, scan);
                    break;
                case JpegMarkers.Dnl:
                    // The height is always known (a zero height is refused at the SOF), so a DNL only repeats it.
                    Segment(jpeg, ref position, marker, at);
                    break;
                case >= 0xE0 and <= 0xEF or JpegMarkers.Com:
                    Segment(jpeg, ref position, marker, at);
                    break;
                case (>= 0xD0 and <= 0xD7) or 0x01:
                    // A stray RSTn or TEM outside entropy-coded data stands alone (no length); libjpeg skips it too.
                    break;
                case 0xC3 or 0xC5 or 0xC6 or 0xC7 or 0xDE or 0xDF:
                    throw Unsupported(marker, at, "lossless or hierarchical JPEG");
                case 0xC9 or 0xCA or 0xCB or 0xCD or 0xCE or 0xCF or JpegMarkers.Dac:
                    throw Unsupported(marker, at, "arithmetic coding");
                case JpegMarkers.Soi:
                    throw new InvalidDataException(FormattableString.Invariant($"JPEG: a second SOI marker at byte {at}."));
                default:
                    throw Unsupported(marker, at, "an unknown or unsupported marker");
            }
        }
    }

    private static InvalidDataException Unsupported(byte marker, int at, string what) =>
        new(FormattableString.Invariant($"JPEG: {JpegMarkers.Name(marker)} at byte {at}: {what} is not supported (baseline, extended 8-bit and progressive Huffman DCT are)."));

    /// <summary>Reads 0xFF, any fill bytes (0xFF, §B.1.1.2) and the marker code at <paramref name="position"/>.</summary>
    private static byte NextMarker(ReadOnlySpan<byte> jpeg, ref int position)
    {
        if (position >= jpeg.Length)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: the data ends at byte {position} before the EOI marker (truncated)."));
        }

        if (jpeg[position] != 0xFF)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: expected a marker at byte {position}, found 0x{jpeg[position]:X2}."));
        }

        var at = position;
        while (position < jpeg.Length && jpeg[position] == 0xFF)
        {
            position++;
        }

        if (position >= jpeg.Length)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: the data ends at byte {position} inside the marker that starts at byte {at} (truncated)."));
        }

        var code = jpeg[position++];
        if (code == 0x00)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: expected a marker at byte {at}, found the stuffed data byte 0xFF00."));
        }

        return code;
    }

    /// <summary>A marker segment's parameters (after its 2-byte length, which counts itself; §B.1.1.4).</summary>
    private static ReadOnlySpan<byte> Segment(ReadOnlySpan<byte> jpeg, ref int position, byte marker, int at)
    {
        if (jpeg.Length - position < 2)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: the data ends inside the {JpegMarkers.Name(marker)} segment at byte {at} (truncated)."));
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[position..]);
        if (length < 2)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: the {JpegMarkers.Name(marker)} segment at byte {at} has a length of {length} (at least 2)."));
        }

        if (length > jpeg.Length - position)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: the {JpegMarkers.Name(marker)} segment at byte {at} claims {length} bytes but {jpeg.Length - position} remain (truncated)."));
        }

        var parameters = jpeg.Slice(position + 2, length - 2);
        position += length;
        return parameters;
    }

    /// <summary>SOFn (§B.2.2): P, Y, X, Nf, then C, H|V, Tq per component.</summary>
    private static JpegFrame ReadFrame(ReadOnlySpan<byte> s, byte marker, int at)
    {
        var name = JpegMarkers.Name(marker);
        if (s.Length < 6)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: the {name} segment at byte {at} is shorter than its 6 fixed bytes."));
        }

        int precision = s[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
        int count = s[5];
        if (precision != 8)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: {name} at byte {at}: {precision}-bit samples are not supported (only 8)."));
        }

        if (height == 0)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: {name} at byte {at}: a height of 0 (given later by a DNL marker) is not supported."));
        }

        if (width == 0)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: {name} at byte {at}: the width is 0."));
        }

        if (count is not (1 or 3))
        {
            var what = count == 4 ? "4 components (CMYK/YCCK)" : FormattableString.Invariant($"{count} components");
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: {name} at byte {at}: {what} are not supported (only 1, grey, or 3, YCbCr)."));
        }

        if ((long)width * height > MaxPixels)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: {name} at byte {at}: {width}×{height} exceeds the limit of {MaxPixels} pixels."));
        }

        if (s.Length != 6 + (3 * count))
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: the {name} segment at byte {at} has {s.Length + 2} bytes; {count} components need {8 + (3 * count)}."));
        }

        var components = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            var c = s.Slice(6 + (3 * i), 3);
            int h = c[1] >> 4, v = c[1] & 15, tq = c[2];
            if (h is < 1 or > 4 || v is < 1 or > 4 || tq > 3)
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: {name} at byte {at}: component {c[0]} has sampling {h}×{v} or table {tq} out of range (1..4, 0..3)."));
            }

            for (var j = 0; j < i; j++)
            {
                if (components[j].Id == c[0])
                {
                    throw new InvalidDataException(FormattableString.Invariant($"JPEG: {name} at byte {at}: component identifier {c[0]} appears twice."));
                }
            }

            // A single-component frame is one non-interleaved component whatever its factors say (§A.2.2).
            components[i] = count == 1 ? new JpegComponent(c[0], 1, 1, tq) : new JpegComponent(c[0], h, v, tq);
        }

        int hMax = 1, vMax = 1;
        foreach (var c in components)
        {
            hMax = Math.Max(hMax, c.H);
            vMax = Math.Max(vMax, c.V);
        }

        foreach (var c in components)
        {
            if (hMax % c.H != 0 || vMax % c.V != 0)
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: {name} at byte {at}: component {c.Id} is sampled {c.H}×{c.V} against {hMax}×{vMax}, a fractional ratio (not supported)."));
            }
        }

        return new JpegFrame(width, height, marker == JpegMarkers.Sof2, components);
    }

    /// <summary>DHT (§B.2.4.2): one or more tables of Tc|Th, 16 counts, then the symbols.</summary>
    private static void ReadHuffmanTables(ReadOnlySpan<byte> s, JpegHuffmanTable?[] dc, JpegHuffmanTable?[] ac, int at)
    {
        while (s.Length > 0)
        {
            if (s.Length < 17)
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: the DHT segment at byte {at} ends inside a table header."));
            }

            int tc = s[0] >> 4, th = s[0] & 15;
            if (tc > 1 || th > 3)
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: DHT at byte {at}: table class {tc} / destination {th} out of range (0..1, 0..3)."));
            }

            var counts = s.Slice(1, 16);
            var total = 0;
            foreach (var n in counts)
            {
                total += n;
            }

            if (total > 256 || s.Length < 17 + total)
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: DHT at byte {at}: a table of {total} codes does not fit the segment (or exceeds 256)."));
            }

            var table = JpegHuffmanTable.Create(counts, s.Slice(17, total), at);
            (tc == 0 ? dc : ac)[th] = table;
            s = s[(17 + total)..];
        }
    }

    /// <summary>DQT (§B.2.4.1): one or more tables of Pq|Tq then 64 values (8-bit, or 16-bit when Pq = 1) in zig-zag order.</summary>
    private static void ReadQuantTables(ReadOnlySpan<byte> s, int[][] quant, int at)
    {
        while (s.Length > 0)
        {
            int pq = s[0] >> 4, tq = s[0] & 15;
            if (pq > 1 || tq > 3)
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: DQT at byte {at}: precision {pq} / destination {tq} out of range (0..1, 0..3)."));
            }

            var size = pq == 0 ? 64 : 128;
            if (s.Length < 1 + size)
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: the DQT segment at byte {at} ends inside table {tq}."));
            }

            var table = new int[64];
            for (var k = 0; k < 64; k++)
            {
                table[JpegScanDecoder.ZigZag[k]] = pq == 0 ? s[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(s[(1 + (2 * k))..]);
            }

            quant[tq] = table;
            s = s[(1 + size)..];
        }
    }

    /// <summary>DRI (§B.2.4.4): Ri, the MCUs per restart interval (0 = none).</summary>
    private static int ReadRestartInterval(ReadOnlySpan<byte> s, int at)
    {
        if (s.Length != 2)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: the DRI segment at byte {at} must be 4 bytes long."));
        }

        return BinaryPrimitives.ReadUInt16BigEndian(s);
    }

    /// <summary>SOS (§B.2.3): Ns, then Cs, Td|Ta per component, then Ss, Se, Ah|Al; checked against §G.1.1.1.1 when progressive.</summary>
    private static (JpegComponent[] Components, JpegScanParameters Scan) ReadScanHeader(
        ReadOnlySpan<byte> s, JpegFrame frame, int[][] quant, JpegHuffmanTable?[] dc, JpegHuffmanTable?[] ac, int restartInterval, int at)
    {
        int count = s.Length > 0 ? s[0] : 0;
        if (count is < 1 or > 4 || s.Length != 4 + (2 * count))
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: SOS at byte {at}: {count} components in a {s.Length + 2}-byte segment."));
        }

        int ss = s[1 + (2 * count)], se = s[2 + (2 * count)], ah = s[3 + (2 * count)] >> 4, al = s[3 + (2 * count)] & 15;
        var scan = new JpegScanParameters(ss, se, ah, al, restartInterval);
        if (frame.Progressive)
        {
            var valid = (ss == 0 ? se == 0 : se >= ss && se <= 63 && count == 1) && al <= 13 && (ah == 0 || al == ah - 1);
            if (!valid)
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: SOS at byte {at}: progressive scan Ss={ss} Se={se} Ah={ah} Al={al} with {count} components is not valid (T.81 §G.1.1.1.1)."));
            }
        }

        var components = new JpegComponent[count];
        var blocks = 0;
        for (var i = 0; i < count; i++)
        {
            int id = s[1 + (2 * i)], td = s[2 + (2 * i)] >> 4, ta = s[2 + (2 * i)] & 15;
            var c = Array.Find(frame.Components, x => x.Id == id);
            if (c is null || Array.IndexOf(components, c) >= 0)
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: SOS at byte {at}: component {id} is not in the frame or appears twice."));
            }

            var needsDc = !frame.Progressive || (ss == 0 && ah == 0);
            var needsAc = !frame.Progressive || ss > 0;
            c.Dc = td < 4 ? dc[td] : null;
            c.Ac = ta < 4 ? ac[ta] : null;
            if ((needsDc && c.Dc is null) || (needsAc && c.Ac is null))
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: SOS at byte {at}: component {id} uses Huffman table DC{td}/AC{ta}, which is not defined."));
            }

            if (c.Quant is null)
            {
                // The table in force at the component's first scan is the one its samples were quantized with.
                c.Quant = quant[c.QuantTable] ?? throw new InvalidDataException(FormattableString.Invariant($"JPEG: SOS at byte {at}: component {id} uses quantization table {c.QuantTable}, which is not defined."));
            }

            c.Scanned = true;
            components[i] = c;
            blocks += c.H * c.V;
        }

        if (count > 1 && blocks > 10)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: SOS at byte {at}: an interleaved MCU of {blocks} blocks exceeds 10 (T.81 §B.2.3)."));
        }

        return (components, scan);
    }

    private static PngImage Finish(JpegFrame? frame, int at)
    {
        if (frame is null)
        {
            throw new InvalidDataException(FormattableString.Invariant($"JPEG: EOI at byte {at} without a frame header (SOFn)."));
        }

        foreach (var c in frame.Components)
        {
            if (!c.Scanned)
            {
                throw new InvalidDataException(FormattableString.Invariant($"JPEG: EOI at byte {at}: component {c.Id} never appeared in a scan (truncated?)."));
            }
        }

        if (frame.Progressive)
        {
            frame.TransformCoefficients();
        }

        return new PngImage(frame.Width, frame.Height, JpegColour.ToRgba(frame));
    }
}
