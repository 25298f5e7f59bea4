using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using StageControl.Cli.Internal;
using StageControl.Core.Stage;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl stage show --config FILE [--json]</c>: the stage as a technician checks it before a shoot — walls,
/// panels, pixels, render nodes, processors (with the load on each output) and cameras — as tables, or as one JSON
/// object with the same data. An invalid config exits 1 with its problems on stderr.
/// </summary>
internal static class StageCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var stage = new Command("stage", "Inspect the stage model: walls, panels, nodes, processors, cameras.");
        var config = new Option<string>("--config") { Description = "The stage config (JSON).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the stage as one JSON object on stdout." };
        var show = new Command("show", "Show walls, panels, pixels, nodes, processors and cameras of a stage config.");
        show.Options.Add(config);
        show.Options.Add(json);
        io.SetAction(show, parse =>
        {
            var path = parse.GetValue(config)!;
            var result = StageConfigLoader.LoadFile(path);
            if (result.Config is not { } model || !result.IsValid)
            {
                StageReport.WriteProblems(io, path, result.Problems);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(json))
            {
                io.WriteJson(ToJson(model));
            }
            else
            {
                WriteTables(io, model);
            }

            return ExitCodes.Ok;
        });
        stage.Subcommands.Add(show);
        return stage;
    }

    /// <summary>The stage as JSON: the summary fields plus per-wall, per-node, per-processor and per-camera detail.</summary>
    internal static JsonObject ToJson(StageConfig stage)
    {
        var o = new JsonObject();
        StageReport.AddSummary(o, stage);
        o["walls"] = stage.Walls.Count;
        var walls = new JsonArray();
        foreach (var w in stage.Walls)
        {
            var wall = new JsonObject
            {
                ["id"] = w.Id,
                ["kind"] = w.Kind.ToString().ToLowerInvariant(),
                ["panelType"] = w.PanelType.Id,
                ["columns"] = w.Columns,
                ["rows"] = w.Rows,
                ["panels"] = w.Panels.Count,
                ["pixels"] = w.PixelCount,
            };
            if (w.Arc is { } arc)
            {
                wall["radiusM"] = arc.RadiusM;
                wall["startDeg"] = arc.StartDeg;
                wall["endDeg"] = arc.EndDeg;
                wall["columnDeg"] = arc.ColumnAngleDeg;
            }

            walls.Add(wall);
        }

        o["wallList"] = walls;
        var types = new JsonArray();
        foreach (var t in stage.PanelTypes)
        {
            types.Add(new JsonObject
            {
                ["id"] = t.Id,
                ["manufacturer"] = t.Manufacturer,
                ["model"] = t.Model,
                ["widthMm"] = t.WidthMm,
                ["heightMm"] = t.HeightMm,
                ["pixelsX"] = t.PixelsX,
                ["pixelsY"] = t.PixelsY,
                ["pitchMm"] = t.PitchMm,
            });
        }

        o["panelTypes"] = types;
        var nodes = new JsonArray();
        var loads = PixelTotals.PerNode(stage);
        for (var i = 0; i < stage.Nodes.Count; i++)
        {
            var outputs = new JsonArray();
            foreach (var output in stage.Nodes[i].Outputs)
            {
                outputs.Add(new JsonObject { ["processor"] = output.ProcessorId, ["output"] = output.Output, ["panels"] = output.Panels.Count });
            }

            nodes.Add(new JsonObject { ["name"] = loads[i].Name, ["panels"] = loads[i].Panels, ["pixels"] = loads[i].Pixels, ["outputs"] = outputs });
        }

        o["nodeList"] = nodes;
        var processors = new JsonArray();
        foreach (var p in PixelTotals.PerProcessor(stage))
        {
            var used = new JsonArray();
            foreach (var output in p.Outputs.Where(x => x.Panels > 0))
            {
                used.Add(new JsonObject { ["output"] = output.Output, ["panels"] = output.Panels, ["pixels"] = output.Pixels, ["capacity"] = output.Capacity });
            }

            processors.Add(new JsonObject
            {
                ["id"] = p.Id,
                ["model"] = p.Model,
                ["outputs"] = p.Outputs.Count,
                ["outputsUsed"] = p.OutputsUsed,
                ["panels"] = p.Panels,
                ["pixels"] = p.Pixels,
                ["maxPixels"] = p.MaxPixels,
                ["outputLoads"] = used,
            });
        }

        o["processorList"] = processors;
        var cameras = new JsonArray();
        foreach (var c in stage.Cameras)
        {
            cameras.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["protocol"] = c.Tracking.Protocol.ToString().ToLowerInvariant(),
                ["port"] = c.Tracking.Port,
                ["cameraId"] = c.Tracking.CameraId,
                ["vendor"] = c.Tracking.Vendor,
                ["sensor"] = new JsonObject { ["widthMm"] = c.Sensor.WidthMm, ["heightMm"] = c.Sensor.HeightMm },
                ["lens"] = new JsonObject { ["focalLengthMm"] = c.Lens.FocalLengthMm, ["entrancePupilOffsetM"] = c.Lens.EntrancePupilOffsetM },
            });
        }

        o["cameraList"] = cameras;
        return o;
    }

    private static void WriteTables(CliIo io, StageConfig stage)
    {
        var console = io.CreateTableConsole();

        console.WriteLine($"Stage '{stage.Name}' at {stage.FrameRate} fps ({stage.FrameRate.FramesPerSecond.ToString("0.###", CultureInfo.InvariantCulture)}): " +
            $"{stage.Walls.Count} walls, {stage.PanelCount} panels, {StageReport.Number(stage.PixelCount)} px");

        var walls = new Table { Title = new TableTitle("Walls") };
        walls.AddColumns("wall", "kind", "panel type", "columns × rows", "panels", "pixels", "geometry");
        foreach (var w in stage.Walls)
        {
            walls.AddRow(
                Markup.Escape(w.Id), w.Kind.ToString().ToLowerInvariant(), Markup.Escape($"{w.PanelType.Id} ({w.PanelType.Manufacturer} {w.PanelType.Model})"),
                $"{w.Columns} × {w.Rows}", w.Panels.Count.ToString(CultureInfo.InvariantCulture), StageReport.Number(w.PixelCount), Markup.Escape(Geometry(w)));
        }

        console.Write(walls);

        var nodes = new Table { Title = new TableTitle("Render nodes") };
        nodes.AddColumns("node", "panels", "pixels", "processor outputs");
        var loads = PixelTotals.PerNode(stage);
        for (var i = 0; i < stage.Nodes.Count; i++)
        {
            var outputs = string.Join(", ", stage.Nodes[i].Outputs
                .GroupBy(o => o.ProcessorId)
                .Select(g => $"{g.Key} #{string.Join(",", g.Select(o => o.Output.ToString(CultureInfo.InvariantCulture)))}"));
            nodes.AddRow(Markup.Escape(loads[i].Name), loads[i].Panels.ToString(CultureInfo.InvariantCulture), StageReport.Number(loads[i].Pixels),
                Markup.Escape(outputs.Length == 0 ? "(direct)" : outputs));
        }

        console.Write(nodes);

        var processors = new Table { Title = new TableTitle("LED processors") };
        processors.AddColumns("processor", "model", "outputs used", "panels", "pixels", "limit", "busiest output");
        foreach (var p in PixelTotals.PerProcessor(stage))
        {
            var busiest = p.Outputs.Where(o => o.Panels > 0).OrderByDescending(o => o.Fraction).FirstOrDefault();
            processors.AddRow(
                Markup.Escape(p.Id), Markup.Escape(p.Model), $"{p.OutputsUsed} / {p.Outputs.Count}", p.Panels.ToString(CultureInfo.InvariantCulture),
                StageReport.Number(p.Pixels), p.MaxPixels is { } max ? StageReport.Number(max) : "-",
                busiest is null ? "-" : $"#{busiest.Output}: {StageReport.Number(busiest.Pixels)} / {StageReport.Number(busiest.Capacity)} ({busiest.Fraction.ToString("P0", CultureInfo.InvariantCulture)})");
        }

        console.Write(processors);

        var cameras = new Table { Title = new TableTitle("Cameras") };
        cameras.AddColumns("camera", "tracking", "sensor", "lens");
        foreach (var c in stage.Cameras)
        {
            var t = c.Tracking;
            cameras.AddRow(
                Markup.Escape(c.Name),
                Markup.Escape($"{t.Protocol.ToString().ToLowerInvariant()}{(t.Vendor is null ? string.Empty : $" ({t.Vendor})")} udp/{t.Port} id {t.CameraId}"),
                FormattableString.Invariant($"{c.Sensor.WidthMm:0.##} × {c.Sensor.HeightMm:0.##} mm"),
                FormattableString.Invariant($"{c.Lens.FocalLengthMm:0.##} mm, pupil {c.Lens.EntrancePupilOffsetM:0.###} m"));
        }

        console.Write(cameras);
    }

    private static string Geometry(Wall w)
    {
        if (w.Arc is { } a)
        {
            return FormattableString.Invariant(
                $"centre ({a.CenterX:0.###}, {a.CenterZ:0.###}) r {a.RadiusM:0.####} m, {a.StartDeg:0.##}° … {a.EndDeg:0.##}°, {a.ColumnAngleDeg:0.###}°/column, bottom {a.BottomM:0.###} m");
        }

        if (w.Section is { } s)
        {
            var ll = s.LowerLeft;
            return FormattableString.Invariant(
                $"{s.Width:0.###} × {s.Height:0.###} m from ({ll.X:0.###}, {ll.Y:0.###}, {ll.Z:0.###}), facing ({s.Normal.X:0.##}, {s.Normal.Y:0.##}, {s.Normal.Z:0.##})");
        }

        return string.Empty;
    }
}
