using System.Diagnostics;
using System.Globalization;
using StageControl.Core.Geometry;
using StageControl.Core.IO;
using StageControl.Render.Output;
using StageControl.Render.Scenes;

namespace StageControl.Render.Tests;

/// <summary>PNG encoder/decoder, CRC-32, atomic writes, raw frame stream, preview downscale.</summary>
public sealed class OutputTests
{
    private static byte[] Pattern(int width, int height)
    {
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                rgba[i] = (byte)(x * 7);
                rgba[i + 1] = (byte)(y * 13);
                rgba[i + 2] = (byte)((x * y) + 3);
                rgba[i + 3] = (byte)(255 - x);
            }
        }

        return rgba;
    }

    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xCBF43926u)] // the CRC-32 check value (PNG/zlib/gzip polynomial)
    [InlineData("IEND", 0xAE426082u)] // the CRC every PNG's empty IEND chunk carries
    public void Compute_KnownInputs_MatchesCheckValues(string text, uint expected)
    {
        // Act / Assert
        Assert.Equal(expected, Crc32.Compute(System.Text.Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Append_SplitAnywhere_EqualsWholeCrc()
    {
        // Arrange
        var data = Pattern(9, 7);

        // Act / Assert
        for (var split = 0; split <= data.Length; split += 17)
        {
            Assert.Equal(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Encode_ThenDecode_RoundTripsPixels(bool includeAlpha)
    {
        // Arrange
        var rgba = Pattern(37, 23);

        // Act
        var decoded = PngDecoder.Decode(PngEncoder.Encode(rgba, 37, 23, includeAlpha: includeAlpha));

        // Assert
        Assert.Equal((37, 23), (decoded.Width, decoded.Height));
        if (!includeAlpha)
        {
            for (var i = 3; i < rgba.Length; i += 4)
            {
                rgba[i] = 255;
            }
        }

        Assert.Equal(rgba, decoded.Rgba);
    }

    [Fact]
    public void Encode_BottomUp_FlipsRowsSoTheTopRowComesFirst()
    {
        // Arrange: row 0 of a bottom-up buffer is the image's bottom row.
        var rgba = Pattern(5, 4);

        // Act
        var decoded = PngDecoder.Decode(PngEncoder.Encode(rgba, 5, 4, bottomUp: true));

        // Assert
        Assert.Equal(rgba.AsSpan(0, 20).ToArray(), decoded.Rgba.AsSpan(3 * 20, 20).ToArray());
        Assert.Equal(rgba.AsSpan(3 * 20, 20).ToArray(), decoded.Rgba.AsSpan(0, 20).ToArray());
    }

    [Fact]
    public void Encode_CheckedByPython_ChunkCrcsAndZlibStreamAreValid()
    {
        // Arrange: python3's zlib (an independent inflate and CRC-32) reads our PNG back and prints the pixels' CRC.
        var rgba = Pattern(31, 17);
        var png = PngEncoder.Encode(rgba, 31, 17, includeAlpha: true);
        var path = Path.Combine(Path.GetTempPath(), $"stagecontrol-png-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, png);
        const string Script = """
            import struct, sys, zlib
            b = open(sys.argv[1], 'rb').read()
            assert b[:8] == b'\x89PNG\r\n\x1a\n', 'signature'
            o, idat, w, h = 8, b'', 0, 0
            while o < len(b):
                n, = struct.unpack('>I', b[o:o + 4]); t = b[o + 4:o + 8]; d = b[o + 8:o + 8 + n]
                crc, = struct.unpack('>I', b[o + 8 + n:o + 12 + n])
                assert zlib.crc32(t + d) & 0xffffffff == crc, 'crc of ' + t.decode()
                if t == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', d[:10]); assert (depth, ctype) == (8, 6)
                if t == b'IDAT': idat += d
                o += 12 + n
            raw = zlib.decompress(idat); stride = w * 4; prev = bytearray(stride); out = bytearray()
            for y in range(h):
                f = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
                assert f == 2, 'filter'
                for i in range(stride): line[i] = (line[i] + prev[i]) & 255
                out += line; prev = line
            print(w, h, zlib.crc32(bytes(out)) & 0xffffffff)
            """;

        // Act
        string output;
        try
        {
            using var python = Process.Start(new ProcessStartInfo("python3") { ArgumentList = { "-c", Script, path }, RedirectStandardOutput = true, RedirectStandardError = true })!;
            output = python.StandardOutput.ReadToEnd().Trim() + python.StandardError.ReadToEnd();
            Assert.True(python.WaitForExit(10_000));
        }
        finally
        {
            File.Delete(path);
        }

        // Assert
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"31 17 {Crc32.Compute(rgba)}"), output);
    }

    [Theory]
    [InlineData(8, 3, 0, "colour type 3")] // palette
    [InlineData(16, 6, 0, "bit depth 16")]
    [InlineData(8, 6, 1, "Adam7")]
    [InlineData(8, 0, 0, "colour type 0")] // grey
    public void Decode_UnsupportedFormats_RefusedNamingTheField(byte depth, byte colourType, byte interlace, string expected)
    {
        // Arrange: patch a valid PNG's IHDR and fix its CRC.
        var png = PngEncoder.Encode(Pattern(4, 4), 4, 4);
        png[8 + 8 + 8] = depth;
        png[8 + 8 + 9] = colourType;
        png[8 + 8 + 12] = interlace;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(8 + 8 + 13), Crc32.Compute(png.AsSpan(8 + 4, 17)));

        // Act
        var e = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        // Assert
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_HugeDimensions_RefusedBeforeAllocating()
    {
        // Arrange: IHDR 32768 × 32768 (each side allowed; 4 GiB of RGBA is not), CRC fixed.
        var png = PngEncoder.Encode(Pattern(4, 4), 4, 4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 32768);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 32768);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(8 + 8 + 13), Crc32.Compute(png.AsSpan(8 + 4, 17)));

        // Act
        var e = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        // Assert
        Assert.Contains("32768×32768 exceeds the limit of 268435456 pixels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_CorruptedByte_ReportsTheCrcMismatch()
    {
        // Arrange
        var png = PngEncoder.Encode(Pattern(4, 4), 4, 4);
        png[^20] ^= 0x40;

        // Act
        var e = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        // Assert
        Assert.Contains("CRC mismatch in chunk IDAT", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decode_EveryFilterType_ReversedExactly(byte filter)
    {
        // Arrange: encode rows with the given filter by hand (§9.2) and compress with zlib.
        const int W = 6, H = 5;
        var rgba = Pattern(W, H);
        var raw = new MemoryStream();
        var prior = new byte[W * 4];
        for (var y = 0; y < H; y++)
        {
            var row = rgba.AsSpan(y * W * 4, W * 4);
            raw.WriteByte(filter);
            for (var i = 0; i < row.Length; i++)
            {
                int a = i >= 4 ? row[i - 4] : 0, b = prior[i], c = i >= 4 ? prior[i - 4] : 0;
                var p = a + b - c;
                var paeth = Math.Abs(p - a) <= Math.Abs(p - b) && Math.Abs(p - a) <= Math.Abs(p - c) ? a : Math.Abs(p - b) <= Math.Abs(p - c) ? b : c;
                var predictor = filter switch { 0 => 0, 1 => a, 3 => (a + b) >> 1, _ => paeth };
                raw.WriteByte((byte)(row[i] - predictor));
            }

            row.CopyTo(prior);
        }

        var png = PngEncoder.Encode(rgba, W, H);
        var idat = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }

        var rebuilt = new MemoryStream();
        rebuilt.Write(png.AsSpan(0, 8 + 25));
        WriteChunk(rebuilt, "IDAT"u8, idat.ToArray());
        WriteChunk(rebuilt, "IEND"u8, []);

        // Act
        var decoded = PngDecoder.Decode(rebuilt.ToArray());

        // Assert
        Assert.Equal(rgba, decoded.Rgba);
    }

    private static void WriteChunk(Stream s, ReadOnlySpan<byte> type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        s.Write(word);
        s.Write(type);
        s.Write(data);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(type), data));
        s.Write(word);
    }

    [Fact]
    public void WriteAllBytes_ExistingFile_ReplacedWholeAndNoTempLeft()
    {
        // Arrange
        var dir = Path.Combine(Path.GetTempPath(), $"stagecontrol-atomic-{Guid.NewGuid():N}");
        var path = Path.Combine(dir, "frame.png");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(path, [1, 2, 3]);

        try
        {
            // Act
            AtomicFile.WriteAllBytes(path, [9, 8, 7, 6]);

            // Assert
            Assert.Equal([9, 8, 7, 6], File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void WriteFrame_TwoFrames_HeaderAndPrefixesAsDocumented()
    {
        // Arrange
        using var stream = new MemoryStream();
        var a = Pattern(3, 2);
        var b = Pattern(3, 2).Reverse().ToArray();

        // Act
        using (var writer = new RawFrameWriter(stream, 3, 2, bottomUp: true, ownsStream: false))
        {
            writer.WriteFrame(100, 0, a);
            writer.WriteFrame(101, 5, b);
            Assert.Equal(2, writer.FramesWritten);
        }

        // Assert
        var bytes = stream.ToArray();
        var frame = RawFrameWriter.FramePrefixLength + (3 * 2 * 4);
        Assert.Equal(RawFrameWriter.HeaderLength + (2 * frame), bytes.Length);
        Assert.Equal("SCRAWRGB"u8.ToArray(), bytes[..8]);
        Assert.Equal(1, BitConverter.ToUInt16(bytes, 8));
        Assert.Equal(1, BitConverter.ToUInt16(bytes, 10));
        Assert.Equal(3u, BitConverter.ToUInt32(bytes, 12));
        Assert.Equal(2u, BitConverter.ToUInt32(bytes, 16));
        Assert.Equal(1u, BitConverter.ToUInt32(bytes, 20));
        Assert.Equal(100, BitConverter.ToInt64(bytes, 32));
        Assert.Equal(a, bytes[(32 + 16)..(32 + frame)]);
        Assert.Equal(101, BitConverter.ToInt64(bytes, 32 + frame));
        Assert.Equal(5u, BitConverter.ToUInt32(bytes, 32 + frame + 8));
        Assert.Equal(b, bytes[(32 + frame + 16)..]);
    }

    [Fact]
    public void BoxDownscale_Factor2_AveragesBlocksAndKeepsEdgePixels()
    {
        // Arrange: 3 × 2 → 2 × 1; the last column's block has only 2 pixels.
        byte[] rgba =
        [
            0, 0, 0, 255, 100, 10, 20, 255, 50, 50, 50, 255,
            200, 20, 40, 255, 100, 30, 60, 255, 150, 150, 150, 255,
        ];
        var output = new byte[2 * 1 * 4];

        // Act
        var size = ImageOps.BoxDownscale(rgba, 3, 2, 2, output);

        // Assert
        Assert.Equal((2, 1), size);
        Assert.Equal([100, 15, 30, 255, 100, 100, 100, 255], output);
    }

    [Fact]
    public void WritePreviewPng_RenderedPanel_DownscaledPngDecodes()
    {
        // Arrange
        using var renderer = StageRenderer.Create([TestPanels.Flat("p", new Vec3(0, 1.5, -4), 0, 3, 2, 90, 60)], new DefaultScene());
        var image = renderer.RenderFrame(5, [], OperatorState.OuterOnly).Panels[0];
        var path = Path.Combine(Path.GetTempPath(), $"stagecontrol-preview-{Guid.NewGuid():N}.png");

        try
        {
            // Act
            ImageOps.WritePreviewPng(path, image, maxSide: 32);
            var decoded = PngDecoder.Decode(File.ReadAllBytes(path));

            // Assert: 90 × 60 by a factor of 3 → 30 × 20, top row = the panel's top row.
            Assert.Equal((30, 20), (decoded.Width, decoded.Height));
            var expected = new byte[30 * 20 * 4];
            ImageOps.BoxDownscale(image.Pixels.Span, 90, 60, 3, expected);
            Assert.Equal(expected.AsSpan(19 * 30 * 4, 30 * 4).ToArray(), decoded.Rgba.AsSpan(0, 30 * 4).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
