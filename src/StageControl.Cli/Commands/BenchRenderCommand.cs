using System.CommandLine;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Render;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl bench render [--width 960 --height 540] [--frames N] [--json]</c>: frames per second of one panel of that
/// size, rendered headless (outer + inner frustum + composite) with and without glReadPixels, against a clear-only
/// frame of the same size measured in the same run →
/// <c>{"renderer","width","height","framesPerSecond","readbackFramesPerSecond","baselineFramesPerSecond"}</c>.
/// Ctrl-C stops between frames and reports the frames measured so far.
/// </summary>
internal static class BenchRenderCommand
{
    /// <summary>Largest side accepted (GL's usual 16384 texture limit, halved for the two colour targets).</summary>
    private const int MaxSide = 8192;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var width = new Option<int>("--width") { Description = "Panel width in pixels.", DefaultValueFactory = _ => 960 };
        var height = new Option<int>("--height") { Description = "Panel height in pixels.", DefaultValueFactory = _ => 540 };
        var frames = new Option<int>("--frames") { Description = "Frames measured per figure.", DefaultValueFactory = _ => 100 };
        var requireGpu = new Option<bool>("--require-gpu") { Description = "Fail when the renderer is a software rasteriser (llvmpipe)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on one line." };
        var command = new Command("render", "Headless render of one panel (outer + inner frustum), with and without read-back, against a clear-only baseline.");
        command.Options.Add(width);
        command.Options.Add(height);
        command.Options.Add(frames);
        command.Options.Add(requireGpu);
        command.Options.Add(json);
        io.SetAction(command, parse =>
        {
            var w = parse.GetValue(width);
            var h = parse.GetValue(height);
            var n = parse.GetValue(frames);
            if (w is < 1 or > MaxSide || h is < 1 or > MaxSide)
            {
                throw new CliUsageException(FormattableString.Invariant($"--width and --height must be 1..{MaxSide} pixels (got {w}×{h})."));
            }

            if (n < 1)
            {
                throw new CliUsageException("--frames must be at least 1.");
            }

            RenderBenchmarkResult result;
            using (var cancel = new CancelScope(null))
            {
                try
                {
                    result = RenderBenchmark.Run(w, h, n, new RenderOptions { RequireGpu = parse.GetValue(requireGpu) }, cancel.Token);
                }
                catch (GraphicsException e)
                {
                    throw new CliInputException("rendering is not available: " + e.Message);
                }
            }

            if (parse.GetValue(json))
            {
                io.WriteJson(new JsonObject
                {
                    ["renderer"] = result.Renderer,
                    ["width"] = result.Width,
                    ["height"] = result.Height,
                    ["framesPerSecond"] = Math.Round(result.FramesPerSecond, 1),
                    ["readbackFramesPerSecond"] = Math.Round(result.ReadbackFramesPerSecond, 1),
                    ["baselineFramesPerSecond"] = Math.Round(result.BaselineFramesPerSecond, 1),
                });
            }
            else
            {
                io.Out.WriteLine(FormattableString.Invariant(
                    $"{result.Renderer}: {result.Width}×{result.Height}, {result.Frames} frames each: render {result.FramesPerSecond:F1} fps, render + read-back {result.ReadbackFramesPerSecond:F1} fps, clear-only baseline {result.BaselineFramesPerSecond:F1} fps"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
