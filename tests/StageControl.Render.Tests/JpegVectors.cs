// Loads the committed JPEG test vectors and their PNM references (Vectors/jpeg/README.md says how they were made).
using System.Globalization;

namespace StageControl.Render.Tests;

internal static class JpegVectors
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Vectors", "jpeg");

    /// <summary>Every vector with a reference decode (all but the refusal vectors), by name without extension.</summary>
    public static string[] Names() =>
        [.. Directory.GetFiles(Folder, "*.ref.pnm").Select(p => Path.GetFileName(p)[..^".ref.pnm".Length]).Order(StringComparer.Ordinal)];

    public static byte[] Jpeg(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".jpg"));

    /// <summary>libjpeg-turbo's decode of a vector, as RGBA8 (grey repeated into R, G and B).</summary>
    public static (int Width, int Height, byte[] Rgba) Reference(string name) => ReadPnm(Path.Combine(Folder, name + ".ref.pnm"));

    /// <summary>The synthetic source a vector was encoded from (src-WxH.ppm), as RGBA8.</summary>
    public static (int Width, int Height, byte[] Rgba) Source(string name) => ReadPnm(Path.Combine(Folder, "src-" + name.Split('-')[0] + ".ppm"));

    /// <summary>Binary PGM (P5) or PPM (P6) with maxval 255, as RGBA8.</summary>
    public static (int Width, int Height, byte[] Rgba) ReadPnm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            return System.Text.Encoding.ASCII.GetString(bytes, start, at - start);
        }

        var magic = Token();
        var width = int.Parse(Token(), CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        at++; // the single whitespace byte before the samples
        var channels = magic == "P5" ? 1 : 3;
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                rgba[(i * 4) + c] = bytes[at + (i * channels) + (channels == 1 ? 0 : c)];
            }

            rgba[(i * 4) + 3] = 255;
        }

        return (width, height, rgba);
    }
}
