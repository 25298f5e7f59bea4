using StageControl.Core.IO;

namespace StageControl.Render.Output;

/// <summary>Small RGBA8 image helpers for previews.</summary>
public static class ImageOps
{
    /// <summary>
    /// Box-downscales RGBA8 by an integer <paramref name="factor"/>: each output pixel is the rounded mean of a
    /// factor × factor block (edge blocks use the pixels that exist). Row order is preserved. Returns the new size.
    /// </summary>
    public static (int Width, int Height) BoxDownscale(ReadOnlySpan<byte> rgba, int width, int height, int factor, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        var w = (width + factor - 1) / factor;
        var h = (height + factor - 1) / factor;
        if (destination.Length < w * h * 4)
        {
            throw new ArgumentException(FormattableString.Invariant($"The destination needs {w * h * 4} bytes."), nameof(destination));
        }

        for (var oy = 0; oy < h; oy++)
        {
            for (var ox = 0; ox < w; ox++)
            {
                int r = 0, g = 0, b = 0, a = 0, n = 0;
                for (var y = oy * factor; y < Math.Min(height, (oy + 1) * factor); y++)
                {
                    for (var x = ox * factor; x < Math.Min(width, (ox + 1) * factor); x++)
                    {
                        var i = ((y * width) + x) * 4;
                        r += rgba[i];
                        g += rgba[i + 1];
                        b += rgba[i + 2];
                        a += rgba[i + 3];
                        n++;
                    }
                }

                var o = ((oy * w) + ox) * 4;
                destination[o] = (byte)((r + (n / 2)) / n);
                destination[o + 1] = (byte)((g + (n / 2)) / n);
                destination[o + 2] = (byte)((b + (n / 2)) / n);
                destination[o + 3] = (byte)((a + (n / 2)) / n);
            }
        }

        return (w, h);
    }

    /// <summary>Writes a preview PNG of a panel image, downscaled so its longer side is at most <paramref name="maxSide"/>.</summary>
    public static void WritePreviewPng(string path, PanelImage image, int maxSide = 128)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        var factor = Math.Max(1, (Math.Max(image.Width, image.Height) + maxSide - 1) / maxSide);
        var w = (image.Width + factor - 1) / factor;
        var h = (image.Height + factor - 1) / factor;
        var small = new byte[w * h * 4];
        BoxDownscale(image.Pixels.Span, image.Width, image.Height, factor, small);
        var png = PngEncoder.Encode(small, w, h, bottomUp: true, includeAlpha: false);
        AtomicFile.Write(path, s => s.Write(png));
    }

    /// <summary>Writes a panel image as a full-size RGB PNG, atomically.</summary>
    public static void WritePng(string path, PanelImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var png = PngEncoder.Encode(image.Pixels.Span, image.Width, image.Height, bottomUp: true, includeAlpha: false);
        AtomicFile.Write(path, s => s.Write(png));
    }
}
