// stagectl demo's DIR/overview.png: every wall unrolled, its panels placed by column and row from their latest PNGs.
using StageControl.Core.Stage;
using StageControl.Node.Output;
using StageControl.Render.Output;

namespace StageControl.Cli.Internal;

/// <summary>
/// Stitches the panels the nodes wrote (<c>DIR/&lt;node&gt;/&lt;wall&gt;/&lt;panel&gt;.png</c>) into one picture of the
/// unrolled walls. Each wall is a grid of its panels — column 1 (leftmost seen from the performance area) on the left,
/// row 1 at the bottom; a ceiling's row 1 is its upstage edge, so it meets the wall below — and the walls are stacked
/// top to bottom in reverse config order (the ceiling of the demo above its main wall), centred, on a dark background.
/// Every panel is box-downscaled by one integer factor chosen so the widest wall is at most <see cref="MaxWidth"/>
/// pixels. A panel without a readable PNG is drawn as a dark red cell and counted.
/// </summary>
internal static class OverviewImage
{
    /// <summary>The widest wall's width in the overview at most, pixels.</summary>
    public const int MaxWidth = 1600;

    private const int Margin = 8;

    private static ReadOnlySpan<byte> Background => [32, 32, 32, 255];

    private static ReadOnlySpan<byte> MissingColour => [96, 16, 16, 255];

    /// <summary>Writes <paramref name="path"/> from the PNGs under <paramref name="outDir"/>.</summary>
    public static OverviewResult Write(StageConfig config, string outDir, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        var widest = 1;
        foreach (var wall in config.Walls)
        {
            widest = Math.Max(widest, wall.Columns * wall.PanelType.PixelsX);
        }

        var factor = Math.Max(1, (widest + MaxWidth - 1) / MaxWidth);
        var walls = new List<(Wall Wall, int CellW, int CellH)>();
        int width = 0, height = Margin;
        for (var i = config.Walls.Count - 1; i >= 0; i--)
        {
            var wall = config.Walls[i];
            var cellW = (wall.PanelType.PixelsX + factor - 1) / factor;
            var cellH = (wall.PanelType.PixelsY + factor - 1) / factor;
            walls.Add((wall, cellW, cellH));
            width = Math.Max(width, wall.Columns * cellW);
            height += (wall.Rows * cellH) + Margin;
        }

        width += 2 * Margin;
        var canvas = new byte[width * height * 4];
        for (var i = 0; i < canvas.Length; i += 4)
        {
            Background.CopyTo(canvas.AsSpan(i));
        }

        int placed = 0, missing = 0;
        var top = Margin;
        foreach (var (wall, cellW, cellH) in walls)
        {
            var left = (width - (wall.Columns * cellW)) / 2;
            foreach (var panel in wall.Panels)
            {
                var x = left + ((panel.Column - 1) * cellW);
                var y = top + ((wall.Rows - panel.Row) * cellH);
                if (TryLoad(config, outDir, panel, factor, out var image, out var w, out var h))
                {
                    Blit(canvas, width, x, y, image, w, h, cellW, cellH);
                    placed++;
                }
                else
                {
                    Fill(canvas, width, x, y, cellW, cellH);
                    missing++;
                }
            }

            top += (wall.Rows * cellH) + Margin;
        }

        var png = PngEncoder.Encode(canvas, width, height, bottomUp: false, includeAlpha: false);
        Core.IO.AtomicFile.WriteAllBytes(path, png);
        return new OverviewResult(width, height, factor, placed, missing);
    }

    /// <summary>Where a node writes a panel's newest presented frame (the layout of NodeOutputWriter).</summary>
    public static string PanelPng(StageConfig config, string outDir, StagePanel panel)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(panel);
        var node = config.NodeForPanel(panel.Id) ?? string.Empty;
        return Path.Combine(outDir, PanelPaths.Segment(node), PanelPaths.RelativePng(panel.Id));
    }

    private static bool TryLoad(StageConfig config, string outDir, StagePanel panel, int factor, out byte[] rgba, out int width, out int height)
    {
        rgba = [];
        width = height = 0;
        PngImage image;
        try
        {
            image = PngDecoder.Decode(File.ReadAllBytes(PanelPng(config, outDir, panel)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return false;
        }

        width = (image.Width + factor - 1) / factor;
        height = (image.Height + factor - 1) / factor;
        rgba = new byte[width * height * 4];
        ImageOps.BoxDownscale(image.Rgba, image.Width, image.Height, factor, rgba);
        return true;
    }

    private static void Blit(byte[] canvas, int canvasWidth, int x, int y, byte[] rgba, int w, int h, int cellW, int cellH)
    {
        for (var row = 0; row < Math.Min(h, cellH); row++)
        {
            for (var col = 0; col < Math.Min(w, cellW); col++)
            {
                var s = ((row * w) + col) * 4;
                var d = (((y + row) * canvasWidth) + x + col) * 4;
                canvas[d] = rgba[s];
                canvas[d + 1] = rgba[s + 1];
                canvas[d + 2] = rgba[s + 2];
                canvas[d + 3] = 255;
            }
        }
    }

    private static void Fill(byte[] canvas, int canvasWidth, int x, int y, int cellW, int cellH)
    {
        for (var row = 0; row < cellH; row++)
        {
            for (var col = 0; col < cellW; col++)
            {
                MissingColour.CopyTo(canvas.AsSpan((((y + row) * canvasWidth) + x + col) * 4));
            }
        }
    }
}
