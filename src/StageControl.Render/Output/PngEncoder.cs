// PNG writer (W3C PNG 2nd edition / ISO 15948): 8-bit RGBA or RGB, non-interlaced, filter "Up" on every row, zlib
// stream from System.IO.Compression.ZLibStream, CRC-32 per chunk (Crc32).
using System.Buffers.Binary;
using System.IO.Compression;

namespace StageControl.Render.Output;

/// <summary>
/// Encodes 8-bit RGBA pixels as PNG.
/// <code>
/// file   = 89 50 4E 47 0D 0A 1A 0A  chunk*               (§5.2 signature)
/// chunk  = length:u32be  type:4 ASCII  data:length  crc:u32be   (crc over type + data, §5.3)
/// IHDR   = width:u32be height:u32be bitDepth=8 colourType=6 (RGBA) | 2 (RGB) compression=0 filter=0 interlace=0
/// IDAT   = zlib( for each row top→bottom: filterType:u8  filtered bytes )   (§7.3, §9)
/// IEND   = empty
/// </code>
/// </summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Encodes RGBA8 pixels. <paramref name="bottomUp"/>: the first row in <paramref name="rgba"/> is the image's bottom
    /// (glReadPixels order); PNG stores the top row first, so rows are flipped. <paramref name="includeAlpha"/> false
    /// writes RGB (colour type 2) and drops alpha.
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> rgba, int width, int height, bool bottomUp = false, bool includeAlpha = true,
        CompressionLevel level = CompressionLevel.Fastest)
    {
        using var stream = new MemoryStream();
        Write(stream, rgba, width, height, bottomUp, includeAlpha, level);
        return stream.ToArray();
    }

    /// <summary>Writes the PNG to <paramref name="output"/>; see <see cref="Encode"/>.</summary>
    public static void Write(Stream output, ReadOnlySpan<byte> rgba, int width, int height, bool bottomUp = false, bool includeAlpha = true,
        CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgba.Length < (long)width * height * 4)
        {
            throw new ArgumentException(FormattableString.Invariant($"{width}×{height} RGBA needs {(long)width * height * 4} bytes; got {rgba.Length}."), nameof(rgba));
        }

        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)height);
        header[8] = 8;
        header[9] = includeAlpha ? (byte)6 : (byte)2;
        header[10] = 0;
        header[11] = 0;
        header[12] = 0;
        WriteChunk(output, "IHDR"u8, header);

        var channels = includeAlpha ? 4 : 3;
        var stride = width * channels;
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, level, leaveOpen: true))
        {
            var previous = new byte[stride];
            var current = new byte[stride];
            var line = new byte[stride + 1];
            for (var y = 0; y < height; y++)
            {
                var source = rgba.Slice((bottomUp ? height - 1 - y : y) * width * 4, width * 4);
                if (includeAlpha)
                {
                    source.CopyTo(current);
                }
                else
                {
                    for (var x = 0; x < width; x++)
                    {
                        current[x * 3] = source[x * 4];
                        current[(x * 3) + 1] = source[(x * 4) + 1];
                        current[(x * 3) + 2] = source[(x * 4) + 2];
                    }
                }

                // Filter type 2 (Up): Filt(x) = Orig(x) − Prior(x) mod 256 (§9.2); the row before the first is zeros.
                line[0] = 2;
                for (var i = 0; i < stride; i++)
                {
                    line[i + 1] = (byte)(current[i] - previous[i]);
                }

                z.Write(line);
                (previous, current) = (current, previous);
            }
        }

        WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND"u8, []);
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(type), data));
        output.Write(word);
    }
}
