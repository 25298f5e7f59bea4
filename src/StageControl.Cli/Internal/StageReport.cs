using System.Text.Json.Nodes;
using StageControl.Core.Stage;

namespace StageControl.Cli.Internal;

/// <summary>Shared output of the stage commands: problem lines on stderr, and the stage summary as text and JSON.</summary>
internal static class StageReport
{
    /// <summary>Writes every problem as one line (<c>FILE: $.path: message</c>) on stderr.</summary>
    public static void WriteProblems(CliIo io, string file, IReadOnlyList<ConfigProblem> problems)
    {
        foreach (var problem in problems)
        {
            io.Error.WriteLine(problem.Format(file));
        }

        io.Error.WriteLine($"{file}: {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}; the config is not valid");
    }

    /// <summary>The problems as JSON objects: <c>{"path","kind","message"}</c>, plus <c>line</c>/<c>column</c>
    /// for malformed JSON.</summary>
    public static JsonArray ProblemsJson(IReadOnlyList<ConfigProblem> problems)
    {
        var array = new JsonArray();
        foreach (var p in problems)
        {
            var o = new JsonObject { ["path"] = p.Path, ["kind"] = p.KindName, ["message"] = p.Message };
            if (p.Line is { } line && p.Column is { } column)
            {
                o["line"] = line;
                o["column"] = column;
            }

            array.Add(o);
        }

        return array;
    }

    /// <summary>Adds the one-line summary fields (null when there is no valid stage).</summary>
    public static void AddSummary(JsonObject o, StageConfig? stage)
    {
        o["name"] = stage?.Name;
        o["frameRate"] = stage?.FrameRate.ToString();
        o["walls"] = stage?.Walls.Count;
        o["panels"] = stage?.PanelCount;
        o["pixels"] = stage?.PixelCount;
        o["nodes"] = stage?.Nodes.Count;
        o["processors"] = stage?.Processors.Count;
        o["cameras"] = stage?.Cameras.Count;
    }

    /// <summary>"'NAME': 2 walls, 304 panels, 9,192,448 px, 4 nodes, 5 processors, 1 camera".</summary>
    public static string SummaryLine(StageConfig stage) =>
        $"'{stage.Name}' at {stage.FrameRate} fps: {Count(stage.Walls.Count, "wall")}, {Count(stage.PanelCount, "panel")}, " +
        $"{Number(stage.PixelCount)} px, {Count(stage.Nodes.Count, "node")}, {Count(stage.Processors.Count, "processor")}, " +
        $"{Count(stage.Cameras.Count, "camera")}";

    /// <summary>Invariant thousands-separated number.</summary>
    public static string Number(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{Number(n)} {noun}s";
}
