using StageControl.Core.IO;
using StageControl.Render.Output;

namespace StageControl.Render.Tests;

/// <summary>Reading bottom-up RGBA8 panel buffers in tests; failures write the image to the test results folder.</summary>
internal static class Pixels
{
    public static (byte R, byte G, byte B) At(ReadOnlySpan<byte> rgba, int width, int x, int y)
    {
        var i = ((y * width) + x) * 4;
        return (rgba[i], rgba[i + 1], rgba[i + 2]);
    }

    /// <summary>Centroid (pixel-centre coordinates, +0.5) of the pixels matching a predicate, and how many matched.</summary>
    public static (double X, double Y, int Count) Centroid(ReadOnlySpan<byte> rgba, int width, int height, Func<byte, byte, byte, bool> match)
    {
        double sx = 0, sy = 0;
        var n = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = At(rgba, width, x, y);
                if (match(r, g, b))
                {
                    sx += x + 0.5;
                    sy += y + 0.5;
                    n++;
                }
            }
        }

        return n == 0 ? (double.NaN, double.NaN, 0) : (sx / n, sy / n, n);
    }

    /// <summary>The folder for images of failed checks: $TEST_RESULTS_DIR, else TestResults/ beside the test assembly.</summary>
    public static string ResultsDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("TEST_RESULTS_DIR") ?? Path.Combine(AppContext.BaseDirectory, "TestResults");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>Writes a bottom-up RGBA buffer as PNG into the results folder and returns the path.</summary>
    public static string Save(string name, ReadOnlySpan<byte> rgba, int width, int height)
    {
        var path = Path.Combine(ResultsDirectory, name + ".png");
        AtomicFile.WriteAllBytes(path, PngEncoder.Encode(rgba, width, height, bottomUp: true));
        return path;
    }
}
