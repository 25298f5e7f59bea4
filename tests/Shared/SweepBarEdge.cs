// The seam tests' measurement of the default scene's sweep bar (src/StageControl.Render/Scenes/DefaultScene.cs: a
// leaning magenta bar), shared by the renderer's two-context seam test and the node processes' seam test on PNG files.
namespace StageControl.Tests.Shared;

/// <summary>Where the magenta sweep bar's right edge runs on one panel image.</summary>
public static class SweepBarEdge
{
    /// <summary>
    /// Least-squares line x = m·y + c through the right edge of the magenta bar (the pixel boundary after the last
    /// magenta pixel of each row), over rows where that edge lies strictly inside the image. Row order does not matter
    /// (y is the row index as stored). NaN for m and c when fewer than two rows show the edge.
    /// </summary>
    /// <param name="rgba">RGBA8 pixels, rows of <paramref name="width"/> pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <returns>The line and how many rows it was fitted to.</returns>
    public static (double M, double C, int Rows) FitRightEdge(ReadOnlySpan<byte> rgba, int width, int height)
    {
        double sy = 0, sx = 0, syy = 0, sxy = 0;
        var n = 0;
        for (var y = 0; y < height; y++)
        {
            var last = -1;
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                if (rgba[i] > 200 && rgba[i + 1] < 60 && rgba[i + 2] > 200)
                {
                    last = x;
                }
            }

            if (last < 0 || last >= width - 1)
            {
                continue;
            }

            double edge = last + 1, row = y + 0.5;
            sy += row;
            sx += edge;
            syy += row * row;
            sxy += row * edge;
            n++;
        }

        if (n < 2)
        {
            return (double.NaN, double.NaN, n);
        }

        var m = ((n * sxy) - (sy * sx)) / ((n * syy) - (sy * sy));
        return (m, (sx - (m * sy)) / n, n);
    }
}
