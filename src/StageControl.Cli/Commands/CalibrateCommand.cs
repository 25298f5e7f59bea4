using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using StageControl.Cli.Internal;
using StageControl.Core.Calibration;
using StageControl.Core.Geometry;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl calibrate register --points FILE.csv [--scale] [--json]</c> (shared/DESIGN.md "Contracts"): solves the
/// tracker → stage registration (Kabsch, or Umeyama with <c>--scale</c>) from a point-pair CSV. With <c>--json</c>:
/// <c>{"rotation":[[3]x3],"translation":[3],"scale":f,"rmsM":f,"residualsM":[...]}</c>, residuals in the CSV's order;
/// otherwise a table with per-point residuals and outlier flags. A bad file exits 1 naming its line and column.
/// <c>calibrate show</c> and <c>calibrate apply</c> work on a running coordinator (CalibrateShowCommand.cs,
/// CalibrateApplyCommand.cs).
/// </summary>
internal static class CalibrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var command = new Command("calibrate", "Tracker-to-stage registration: solve offline (register), or show and apply a running stage's calibration.");
        command.Subcommands.Add(CreateRegister(io));
        command.Subcommands.Add(CalibrateShowCommand.Create(io));
        command.Subcommands.Add(CalibrateApplyCommand.Create(io));
        return command;
    }

    private static Command CreateRegister(CliIo io)
    {
        var points = new Option<string>("--points")
        {
            Description = "CSV with header " + PointPairCsv.Header + " (metres).",
            Required = true,
        };
        var scale = new Option<bool>("--scale") { Description = "Also estimate a uniform scale (Umeyama)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("register", "Solve the rigid (or similarity) transform mapping tracker to stage coordinates.");
        command.Options.Add(points);
        command.Options.Add(scale);
        command.Options.Add(json);

        io.SetAction(command, parse =>
        {
            var path = parse.GetValue(points)!;
            if (!File.Exists(path))
            {
                throw new CliInputException($"--points: file '{path}' not found");
            }

            var text = File.ReadAllText(path);
            if (!PointPairCsv.TryParse(text, path, out var pairs, out var why))
            {
                throw new CliInputException(why);
            }

            if (!Registration.TrySolve(pairs, parse.GetValue(scale), out var result, out why))
            {
                throw new CliInputException($"{path}: {why}");
            }

            if (parse.GetValue(json))
            {
                WriteJson(io, result);
            }
            else
            {
                WriteTable(io, pairs, result);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(CliIo io, RegistrationResult result)
    {
        var rotation = new JsonArray();
        foreach (var row in result.Rotation.ToRows())
        {
            rotation.Add(new JsonArray(JsonValue.Create(row[0]), JsonValue.Create(row[1]), JsonValue.Create(row[2])));
        }

        var residuals = new JsonArray();
        foreach (var r in result.ResidualsM)
        {
            residuals.Add(JsonValue.Create(r));
        }

        var t = result.Translation;
        io.WriteJson(new JsonObject
        {
            ["rotation"] = rotation,
            ["translation"] = new JsonArray(JsonValue.Create(t.X), JsonValue.Create(t.Y), JsonValue.Create(t.Z)),
            ["scale"] = result.Scale,
            ["rmsM"] = result.RmsM,
            ["residualsM"] = residuals,
        });
    }

    private static void WriteTable(CliIo io, IReadOnlyList<PointPair> pairs, RegistrationResult result)
    {
        var names = new string[pairs.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = pairs[i].Name;
        }

        WriteSolution(io, result.Rotation.ToRows(), result.Translation, result.Scale, result.RmsM, names, result.ResidualsM, result.Outliers);
    }

    /// <summary>The human form of a solved registration: R, t, scale, RMS, then one row per point with its residual and
    /// outlier flag (also <c>calibrate apply --points</c>, from the coordinator's answer).</summary>
    internal static void WriteSolution(
        CliIo io, double[][] r, Vec3 t, double scale, double rmsM, IReadOnlyList<string> names, IReadOnlyList<double> residualsM, IReadOnlyList<bool> outliers)
    {
        var console = io.CreateTableConsole();
        var m = new double[3][];
        for (var i = 0; i < 3; i++)
        {
            m[i] = [Clean(r[i][0], 9), Clean(r[i][1], 9), Clean(r[i][2], 9)];
        }

        io.Out.WriteLine("Registration tracker → stage: stage = scale · R · tracker + t");
        io.Out.WriteLine(F($"R = [{m[0][0],12:F9} {m[0][1],12:F9} {m[0][2],12:F9}]"));
        io.Out.WriteLine(F($"    [{m[1][0],12:F9} {m[1][1],12:F9} {m[1][2],12:F9}]"));
        io.Out.WriteLine(F($"    [{m[2][0],12:F9} {m[2][1],12:F9} {m[2][2],12:F9}]"));
        io.Out.WriteLine(F($"t = ({Clean(t.X, 6):F6}, {Clean(t.Y, 6):F6}, {Clean(t.Z, 6):F6}) m"));
        io.Out.WriteLine(F($"scale = {scale:F9}"));
        io.Out.WriteLine(F($"RMS = {rmsM * 1000:F3} mm over {names.Count} points"));

        var table = new Table().AddColumn("point").AddColumn(new TableColumn("residual (mm)").RightAligned()).AddColumn("outlier");
        var flagged = 0;
        for (var i = 0; i < names.Count; i++)
        {
            var outlier = outliers[i];
            flagged += outlier ? 1 : 0;
            table.AddRow(
                Markup.Escape(names[i]),
                F($"{residualsM[i] * 1000:F3}"),
                outlier ? "YES (> 3 × RMS)" : string.Empty);
        }

        console.Write(table);
        io.Out.WriteLine(flagged == 0
            ? "No outliers (none above 3 × RMS)."
            : F($"{flagged} outlier(s) above 3 × RMS: check those points and solve again."));
    }

    /// <summary>Prints values that round to zero as 0, never "-0.000".</summary>
    private static double Clean(double value, int digits) => Math.Round(value, digits) == 0 ? 0 : value;

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
