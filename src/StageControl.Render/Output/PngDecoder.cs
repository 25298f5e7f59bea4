// PNG reader for what StageControl writes and what glTF files usually embed: 8-bit RGB or RGBA, non-interlaced.
using System.Buffers.Binary;
using System.IO.Compression;

namespace StageControl.Render.Output;

/// <summary>
/// Decodes 8-bit-per-channel RGB (colour type 2) and RGBA (colour type 6) non-interlaced PNGs, checking every chunk's
/// CRC, and reverses all five filter types (PNG spec §9.2, Paeth predictor §9.4). Anything else (palette, grey, 16-bit,
/// Adam7) is refused with a <see cref="InvalidDataException"/> naming the field.
/// </summary>
public static class PngDecoder
{
    /// <summary>The largest image accepted, width × height: 2^28 pixels (16384 × 16384), 1 GiB of RGBA.</summary>
    public const int MaxPixels = 1 << 28;

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Whether the data starts with the 8-byte PNG signature (PNG spec §5.2).</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    /// <summary>Decodes a PNG file's bytes into RGBA8, top row first.</summary>
    /// <exception cref="InvalidDataException">Not a PNG, a bad CRC, a truncated stream, or an unsupported format.</exception>
    public static PngImage Decode(ReadOnlySpan<byte> png)
    {
        if (!HasSignature(png))
        {
            throw new InvalidDataException("PNG: missing the 8-byte signature.");
        }

        int width = 0, height = 0, colourType = -1;
        using var idat = new MemoryStream();
        var offset = 8;
        var sawEnd = false;
        while (offset < png.Length && !sawEnd)
        {
            if (png.Length - offset < 12)
            {
                throw new InvalidDataException(FormattableString.Invariant($"PNG: truncated chunk header at byte {offset}."));
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            if (length > int.MaxValue || png.Length - offset - 12 < length)
            {
                throw new InvalidDataException(FormattableString.Invariant($"PNG: chunk at byte {offset} claims {length} bytes beyond the end."));
            }

            var type = png.Slice(offset + 4, 4);
            var data = png.Slice(offset + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + (int)length)..]);
            var actual = Crc32.Append(Crc32.Compute(type), data);
            var name = System.Text.Encoding.ASCII.GetString(type);
            if (crc != actual)
            {
                throw new InvalidDataException(FormattableString.Invariant($"PNG: CRC mismatch in chunk {name} at byte {offset} (stored 0x{crc:X8}, computed 0x{actual:X8})."));
            }

            switch (name)
            {
                case "IHDR":
                    (width, height, colourType) = ReadHeader(data);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
                default:
                    // Ancillary chunks (lower-case first letter) are skipped; an unknown critical chunk is an error (§5.4).
                    if (char.IsUpper(name[0]) && name != "PLTE")
                    {
                        throw new InvalidDataException($"PNG: unknown critical chunk {name}.");
                    }

                    break;
            }

            offset += 12 + (int)length;
        }

        if (colourType < 0)
        {
            throw new InvalidDataException("PNG: no IHDR chunk.");
        }

        if (!sawEnd)
        {
            throw new InvalidDataException("PNG: no IEND chunk (truncated file).");
        }

        var channels = colourType == 6 ? 4 : 3;
        var stride = width * channels;
        var raw = new byte[(long)(stride + 1) * height];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            try
            {
                z.ReadExactly(raw);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException("PNG: the image data is shorter than width × height.", e);
            }
        }

        var rgba = new byte[width * height * 4];
        var previous = new byte[stride];
        var current = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var line = raw.AsSpan(y * (stride + 1), stride + 1);
            Unfilter(line[0], line[1..], previous, current, channels, y);
            var target = rgba.AsSpan(y * width * 4, width * 4);
            for (var x = 0; x < width; x++)
            {
                target[x * 4] = current[x * channels];
                target[(x * 4) + 1] = current[(x * channels) + 1];
                target[(x * 4) + 2] = current[(x * channels) + 2];
                target[(x * 4) + 3] = channels == 4 ? current[(x * channels) + 3] : (byte)255;
            }

            (previous, current) = (current, previous);
        }

        return new PngImage(width, height, rgba);
    }

    private static (int Width, int Height, int ColourType) ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
        {
            throw new InvalidDataException("PNG: IHDR must be 13 bytes.");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (width is 0 or > 32768 || height is 0 or > 32768)
        {
            throw new InvalidDataException(FormattableString.Invariant($"PNG: IHDR size {width}×{height} is outside 1..32768."));
        }

        // The RGBA output must fit one array: past 2^28 pixels (16384 × 16384, 1 GiB) width × height × 4 overflowed.
        if ((long)width * height > MaxPixels)
        {
            throw new InvalidDataException(FormattableString.Invariant($"PNG: IHDR size {width}×{height} exceeds the limit of {MaxPixels} pixels."));
        }

        if (data[8] != 8)
        {
            throw new InvalidDataException(FormattableString.Invariant($"PNG: IHDR bit depth {data[8]} is not supported (only 8)."));
        }

        if (data[9] is not (2 or 6))
        {
            throw new InvalidDataException(FormattableString.Invariant($"PNG: IHDR colour type {data[9]} is not supported (only 2 RGB and 6 RGBA)."));
        }

        if (data[10] != 0 || data[11] != 0)
        {
            throw new InvalidDataException("PNG: IHDR compression/filter method must be 0.");
        }

        if (data[12] != 0)
        {
            throw new InvalidDataException("PNG: IHDR interlace method 1 (Adam7) is not supported.");
        }

        return ((int)width, (int)height, data[9]);
    }

    /// <summary>Reverses one scanline's filter (§9.2): a = left, b = above, c = upper left, bytes of the same channel.</summary>
    private static void Unfilter(byte filter, ReadOnlySpan<byte> line, ReadOnlySpan<byte> prior, Span<byte> output, int bpp, int row)
    {
        for (var i = 0; i < line.Length; i++)
        {
            int a = i >= bpp ? output[i - bpp] : 0;
            int b = prior[i];
            int c = i >= bpp ? prior[i - bpp] : 0;
            output[i] = filter switch
            {
                0 => line[i],
                1 => (byte)(line[i] + a),
                2 => (byte)(line[i] + b),
                3 => (byte)(line[i] + ((a + b) >> 1)),
                4 => (byte)(line[i] + Paeth(a, b, c)),
                _ => throw new InvalidDataException(FormattableString.Invariant($"PNG: row {row} has unknown filter type {filter}.")),
            };
        }
    }

    /// <summary>The Paeth predictor (§9.4).</summary>
    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
