// The JPEG decoder against libjpeg-turbo's decodes of committed vectors (Vectors/jpeg/README.md), its refusals, every
// truncation and a mutation fuzz.
using System.Buffers.Binary;
using System.Text.RegularExpressions;
using StageControl.Render.Output;
using StageControl.Render.Output.Jpeg;
using StageControl.Tests.Shared;

namespace StageControl.Render.Tests;

public sealed partial class JpegDecoderTests
{
    public static TheoryData<string> Vectors => [.. JpegVectors.Names()];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decode_Vector_MatchesLibjpegTurboWithinTwoPerChannel(string name)
    {
        // Arrange: djpeg -dct float with its default (fancy) upsampling, the same filter as ours.
        var (width, height, expected) = JpegVectors.Reference(name);

        // Act
        var image = JpegDecoder.Decode(JpegVectors.Jpeg(name));

        // Assert: same size and layout; every sample within 2; at least 98 % of samples identical.
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(expected.Length, image.Rgba.Length);
        var equal = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var difference = Math.Abs(expected[i] - image.Rgba[i]);
            Assert.True(difference <= 2, FormattableString.Invariant($"{name}: sample {i} (pixel {i / 4 % width}, {i / 4 / width}, channel {i % 4}) is {image.Rgba[i]}, libjpeg-turbo {expected[i]}."));
            equal += difference == 0 ? 1 : 0;
        }

        Assert.True(equal >= expected.Length * 0.98, FormattableString.Invariant($"{name}: only {equal} of {expected.Length} samples equal."));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decode_Vector_StaysCloseToTheSyntheticSource(string name)
    {
        // Arrange: luma is coded at full resolution in every mode, so it must stay close whatever the chroma sampling;
        // RGB must stay close where chroma is not subsampled. Quality 5 (the SOF1 vectors) is allowed much more.
        var (width, height, source) = JpegVectors.Source(name);
        var coarse = name.Contains("-q5-", StringComparison.Ordinal);

        // Act
        var image = JpegDecoder.Decode(JpegVectors.Jpeg(name));

        // Assert
        double lumaError = 0, rgbError = 0;
        for (var p = 0; p < width * height; p++)
        {
            lumaError += Math.Abs(Luma(source, p) - Luma(image.Rgba, p));
            for (var c = 0; c < 3; c++)
            {
                rgbError += Math.Abs(source[(p * 4) + c] - image.Rgba[(p * 4) + c]);
            }
        }

        lumaError /= width * height;
        rgbError /= width * height * 3;
        Assert.True(lumaError <= (coarse ? 25 : 4), FormattableString.Invariant($"{name}: mean luma error {lumaError:F2}."));
        if (name.Contains("-444", StringComparison.Ordinal))
        {
            Assert.True(rgbError <= 5, FormattableString.Invariant($"{name}: mean RGB error {rgbError:F2}."));
        }
    }

    [Theory]
    [InlineData("64x48-420", "64x48-420-progressive")]
    [InlineData("64x48-420", "64x48-420-progressive-deep")]
    [InlineData("37x23-420", "37x23-420-progressive-deep")]
    [InlineData("64x48-420", "64x48-420-restart")]
    [InlineData("64x48-420", "64x48-420-multiscan")]
    [InlineData("64x48-420", "64x48-420-optimize")]
    [InlineData("37x23-444", "37x23-444-progressive")]
    [InlineData("37x23-444", "37x23-444-restart-rows")]
    [InlineData("37x23-422", "37x23-422-progressive-restart")]
    [InlineData("64x48-grey", "64x48-grey-progressive")]
    public void Decode_SameCoefficientsAnyCoding_SamePixels(string baseline, string variant)
    {
        // Arrange: progressive, restart, multi-scan and optimized-table codings carry the same quantized coefficients.
        var a = JpegVectors.Jpeg(baseline);
        var b = JpegVectors.Jpeg(variant);

        // Act
        var expected = JpegDecoder.Decode(a).Rgba;
        var actual = JpegDecoder.Decode(b).Rgba;

        // Assert
        Assert.NotEqual(a, b);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Decode_GreyVector_RepeatsLumaIntoRgbWithOpaqueAlpha()
    {
        // Act
        var image = JpegDecoder.Decode(JpegVectors.Jpeg("37x23-grey"));

        // Assert
        for (var i = 0; i < image.Rgba.Length; i += 4)
        {
            Assert.Equal(image.Rgba[i], image.Rgba[i + 1]);
            Assert.Equal(image.Rgba[i], image.Rgba[i + 2]);
            Assert.Equal(255, image.Rgba[i + 3]);
        }
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "arithmetic", "SOF9 at byte " },
        { "lossless", "SOF3 at byte " },
        { "12-bit", "12-bit samples are not supported" },
        { "cmyk", "4 components (CMYK/YCCK)" },
        { "dnl", "(given later by a DNL marker) is not supported" },
        { "too large", "65535×65535 exceeds the limit of 67108864 pixels" },
        { "fractional", "a fractional ratio" },
        { "no soi", "missing the SOI marker" },
        { "second sof", "a second frame header (SOF0 at byte " },
        { "bad restart", "expected marker RST0 at byte " },
        { "scan before frame", "SOS at byte 2 comes before any frame header" },
        { "undefined table", "which is not defined" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Decode_UnsupportedOrBroken_RefusedNamingMarkerAndOffset(string what, string expected)
    {
        // Arrange
        var baseline = JpegVectors.Jpeg("37x23-444");
        var sof = FindMarker(baseline, JpegMarkers.Sof0);
        var bytes = baseline.ToArray();
        switch (what)
        {
            case "arithmetic":
                bytes = JpegVectors.Jpeg("37x23-444-arith");
                break;
            case "lossless":
                bytes[sof + 1] = 0xC3;
                break;
            case "12-bit":
                bytes[sof + 4] = 12;
                break;
            case "cmyk":
                // A SOF0 with a fourth component (C, H|V, Tq), the segment length grown to match.
                bytes = [.. baseline[..sof], 0xFF, 0xC0, 0, 20, 8, 0, 23, 0, 37, 4, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1, 4, 0x11, 0, .. baseline[(sof + 17)..]];
                break;
            case "dnl":
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 5), 0);
                break;
            case "too large":
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 5), 65535);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 7), 65535);
                break;
            case "fractional":
                bytes[sof + 11] = 0x31; // Y 3×1
                bytes[sof + 14] = 0x21; // Cb 2×1: 3 / 2
                break;
            case "no soi":
                bytes[1] = 0xD9;
                break;
            case "second sof":
                bytes = [.. baseline[..(sof + 19)], .. baseline[sof..]];
                break;
            case "bad restart":
                bytes = JpegVectors.Jpeg("37x23-420-restart");
                var rst = FindInEntropyData(bytes, 0xD0);
                bytes[rst + 1] = 0xD3;
                break;
            case "scan before frame":
                var sos = FindMarker(baseline, JpegMarkers.Sos);
                bytes = [0xFF, 0xD8, .. baseline[sos..]];
                break;
            default:
                // Huffman table destination 3 in the first scan component's selector: never defined.
                var scan = FindMarker(baseline, JpegMarkers.Sos);
                bytes[scan + 6] = 0x33;
                break;
        }

        // Act
        var e = Assert.Throws<InvalidDataException>(() => JpegDecoder.Decode(bytes));

        // Assert
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("37x23-420")]
    [InlineData("37x23-420-restart")]
    [InlineData("37x23-420-progressive")]
    [InlineData("5x3-420-progressive")]
    public void Decode_EveryTruncation_RefusedNamingAByteOffset(string name)
    {
        // Arrange
        var jpeg = JpegVectors.Jpeg(name);

        // Act / Assert: every strict prefix (down to 0 bytes) is refused, and the message says where.
        for (var length = 0; length < jpeg.Length; length++)
        {
            var e = Assert.Throws<InvalidDataException>(() => JpegDecoder.Decode(jpeg.AsSpan(0, length)));
            Assert.Matches(ByteOffset(), e.Message);
        }
    }

    [Fact]
    public void Decode_20kMutatedFiles_OnlyInvalidDataEscapes()
    {
        // Arrange: seeds covering baseline, SOF1, restarts, multi-scan and progressive streams.
        var rng = new Random(20250611);
        string[] names = ["37x23-420", "37x23-420-restart", "37x23-420-multiscan", "37x23-420-q5-sof1", "37x23-444-progressive", "37x23-422-progressive-restart", "37x23-grey-progressive", "37x23-420-progressive-deep", "5x3-420"];
        var seeds = names.Select(JpegVectors.Jpeg).ToArray();
        int decoded = 0, refused = 0;

        // Act: anything but InvalidDataException (IndexOutOfRange, Overflow, ArgumentOutOfRange …) fails the test.
        for (var i = 0; i < 20_000; i++)
        {
            var mutated = Mutator.Mutate(rng, seeds[i % seeds.Length]);
            try
            {
                var image = JpegDecoder.Decode(mutated);
                Assert.Equal((long)image.Width * image.Height * 4, image.Rgba.Length);
                decoded++;
            }
            catch (InvalidDataException e)
            {
                Assert.StartsWith("JPEG: ", e.Message, StringComparison.Ordinal);
                refused++;
            }
        }

        // Assert: the fuzz reached both outcomes (a flipped bit in entropy data still decodes).
        Assert.True(decoded > 0);
        Assert.True(refused > 0);
    }

    [Fact]
    public void HasSignature_JpegPngAndShortData_TellsThemApart()
    {
        // Act / Assert
        Assert.True(JpegDecoder.HasSignature(JpegVectors.Jpeg("5x3-420")));
        Assert.False(JpegDecoder.HasSignature(PngEncoder.Encode(new byte[16], 2, 2)));
        Assert.False(JpegDecoder.HasSignature([0xFF, 0xD8]));
    }

    [Fact]
    public void HuffmanDecode_ShortAndLongCodes_ReadsSymbolsThenRefusesWhatFollows()
    {
        // Arrange: one 1-bit code (0 → 'a') and one 10-bit code (1000000000 → 'b', past the 9-bit lookup), Annex C.
        var counts = new byte[16];
        counts[0] = 1;
        counts[9] = 1;
        var table = JpegHuffmanTable.Create(counts, "ab"u8, 0);
        byte[] padded = [0b0100_0000, 0b0000_1111]; // a, b, a, then four 1-bits of padding
        byte[] zeros = [0b0100_0000, 0b0000_0000]; // a, b, then five a

        // Act
        var reader = new JpegBitReader(padded, 0);
        var symbols = new[] { table.Decode(ref reader), table.Decode(ref reader), table.Decode(ref reader) };
        var noCode = Assert.Throws<InvalidDataException>(() => DecodeMany(table, padded, 4));
        var pastEnd = Assert.Throws<InvalidDataException>(() => DecodeMany(table, zeros, 8));

        // Assert: 1-bit padding matches no code; a zero bit made up past the end is never taken as data.
        Assert.Equal("aba"u8.ToArray(), symbols.Select(s => (byte)s).ToArray());
        Assert.Contains("no Huffman code matches", noCode.Message, StringComparison.Ordinal);
        Assert.Contains("the data ends at byte 2 (truncated)", pastEnd.Message, StringComparison.Ordinal);
        DecodeMany(table, zeros, 7);
    }

    [Fact]
    public void HuffmanCreate_OverSubscribedLengths_Refused()
    {
        // Arrange: three 1-bit codes cannot exist.
        var counts = new byte[16];
        counts[0] = 3;

        // Act
        var e = Assert.Throws<InvalidDataException>(() => JpegHuffmanTable.Create(counts, "abc"u8, 42));

        // Assert
        Assert.Contains("DHT at byte 42", e.Message, StringComparison.Ordinal);
    }

    private static void DecodeMany(JpegHuffmanTable table, byte[] data, int count)
    {
        var reader = new JpegBitReader(data, 0);
        for (var i = 0; i < count; i++)
        {
            table.Decode(ref reader);
        }
    }

    private static double Luma(byte[] rgba, int p) => (0.299 * rgba[p * 4]) + (0.587 * rgba[(p * 4) + 1]) + (0.114 * rgba[(p * 4) + 2]);

    /// <summary>The offset of a marker segment's 0xFF, walking the segments from SOI (entropy-coded data excluded).</summary>
    private static int FindMarker(byte[] jpeg, byte code)
    {
        var at = 2;
        while (jpeg[at + 1] != code)
        {
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
        }

        return at;
    }

    /// <summary>The first 0xFF <paramref name="code"/> after the first SOS header.</summary>
    private static int FindInEntropyData(byte[] jpeg, byte code)
    {
        var at = FindMarker(jpeg, JpegMarkers.Sos);
        at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
        while (!(jpeg[at] == 0xFF && jpeg[at + 1] == code))
        {
            at++;
        }

        return at;
    }

    [GeneratedRegex(@"byte \d+")]
    private static partial Regex ByteOffset();
}
