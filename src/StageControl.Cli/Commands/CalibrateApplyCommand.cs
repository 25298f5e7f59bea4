using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using StageControl.Cli.Internal;
using StageControl.Core.Calibration;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl calibrate apply --coordinator URL --camera NAME [--points FILE.csv [--scale]] [--delay-ms X]
/// [--filter off|MIN_CUTOFF,BETA[,D_CUTOFF]] [--token T] [--ca F] [--json]</c>: changes one camera's calibration on a
/// running coordinator (technician token); it applies from the next frame and the coordinator saves it.
/// <para>
/// With <c>--points</c> the registration is solved on the coordinator (<c>SolveRegistration</c>, the solver of
/// <c>calibrate register</c>) from the CSV's point pairs and applied (apply = true); with <c>--delay-ms</c> or
/// <c>--filter</c> too, it is solved without applying and then set together with them in one
/// <c>SetCameraCalibration</c> (all or nothing, guarded by the camera's version). Residuals are printed as
/// <c>calibrate register</c> prints them. Without <c>--points</c>, only the delay and/or filter are set.
/// </para>
/// With <c>--json</c>: one line <c>{"camera","calibration":{CameraCalibration as protobuf JSON}}</c>, plus with
/// <c>--points</c> the solution as <c>calibrate register</c> writes it (<c>rotation, translation, scale, rmsM,
/// residualsM</c>). Exit 1 when the file is bad or the coordinator refuses (the message names the option and the
/// field), 2 when nothing is given to apply or <c>--scale</c> comes without <c>--points</c>.
/// </summary>
internal static class CalibrateApplyCommand
{
    private static readonly JsonFormatter s_json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    // The proto field names the coordinator's messages start with → the options that set them.
    private static readonly (string Field, string Option)[] s_fields =
    [
        ("camera", "--camera"),
        ("registration", "--points"),
        ("points", "--points"),
        ("delay_ms", "--delay-ms"),
        ("filter", "--filter"),
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var common = new CoordinatorCallOptions("technician", "Print the camera's new calibration (and the solution) as one JSON line.", Refused);
        var camera = new Option<string>("--camera") { Description = "The camera's name in the stage config.", Required = true };
        var points = new Option<string?>("--points") { Description = "CSV of surveyed points (header " + PointPairCsv.Header + ", metres): solve the registration on the coordinator and apply it." };
        var scale = new Option<bool>("--scale") { Description = "With --points: also estimate a uniform scale (Umeyama)." };
        var delay = new Option<double?>("--delay-ms") { Description = "Tracking delay, ms (-500..500): positive uses older samples; negative looks ahead (the tracker is late)." };
        var filter = new Option<string?>("--filter") { Description = "off, or MIN_CUTOFF,BETA[,D_CUTOFF] (Hz, -, Hz): One Euro smoothing of the tracked pose." };
        var command = new Command("apply", "Apply a registration (solved on the coordinator from --points), a tracking delay or a filter to one camera of a running stage.");
        foreach (var option in new Option[] { camera, points, scale, delay, filter })
        {
            command.Options.Add(option);
        }

        common.AddTo(command);
        io.SetAction(command, parse =>
        {
            var name = parse.GetValue(camera)!;
            var path = parse.GetValue(points);
            if (path is null && parse.GetValue(scale))
            {
                throw new CliUsageException("--scale goes with --points");
            }

            var set = new SetCameraCalibrationRequest { Camera = name };
            if (parse.GetValue(delay) is { } ms)
            {
                set.DelayMs = ms;
            }

            if (parse.GetValue(filter) is { } text)
            {
                if (ParseFilter(text) is { } parameters)
                {
                    set.Filter = parameters;
                }
                else
                {
                    set.FilterOff = true;
                }
            }

            var changesMore = set.HasDelayMs || set.Filter is not null || set.FilterOff;
            if (path is null && !changesMore)
            {
                throw new CliUsageException("nothing to apply: give at least one of --points, --delay-ms, --filter");
            }

            SolveRegistrationResponse? solved = null;
            CameraCalibration result;
            if (path is not null)
            {
                var solve = new SolveRegistrationRequest { Camera = name, Scale = parse.GetValue(scale), Apply = !changesMore };
                foreach (var pair in ReadPoints(path))
                {
                    solve.Points.Add(new SurveyPoint { Name = pair.Name, Tracker = ToProto(pair.Tracker), Stage = ToProto(pair.Stage) });
                }

                solved = common.Call(parse, (invoker, options) =>
                    new CalibrationService.CalibrationServiceClient(invoker).SolveRegistrationAsync(solve, options));
                if (changesMore)
                {
                    // One change for all of it, refused whole if anyone changed the camera since the solve.
                    set.Registration = solved.Registration;
                    set.ExpectedVersion = solved.Calibration.Version;
                    result = common.Call(parse, (invoker, options) =>
                        new CalibrationService.CalibrationServiceClient(invoker).SetCameraCalibrationAsync(set, options));
                }
                else
                {
                    result = solved.Calibration;
                }
            }
            else
            {
                result = common.Call(parse, (invoker, options) =>
                    new CalibrationService.CalibrationServiceClient(invoker).SetCameraCalibrationAsync(set, options));
            }

            if (parse.GetValue(common.Json))
            {
                WriteJson(io, result, solved);
            }
            else
            {
                WriteText(io, result, solved);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>off</c> → null; <c>MIN_CUTOFF,BETA[,D_CUTOFF]</c> → the parameters (ranges are the coordinator's to
    /// check, so its message names the field).</summary>
    internal static OneEuroParameters? ParseFilter(string text)
    {
        if (string.Equals(text.Trim(), "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = text.Split(',');
        if (parts.Length is < 2 or > 3)
        {
            throw new CliInputException($"--filter: '{text}' is not 'off' or MIN_CUTOFF,BETA[,D_CUTOFF] (e.g. 1.0,0.007 or 1.0,0.007,1.0)");
        }

        var values = new double[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new CliInputException($"--filter: '{parts[i].Trim()}' in '{text}' is not a number (write MIN_CUTOFF,BETA[,D_CUTOFF], e.g. 1.0,0.007)");
            }
        }

        return new OneEuroParameters { MinCutoffHz = values[0], Beta = values[1], DerivativeCutoffHz = parts.Length == 3 ? values[2] : 0 };
    }

    private static IReadOnlyList<PointPair> ReadPoints(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliInputException($"--points: file '{path}' not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--points: cannot read '{path}': {e.Message}");
        }

        return PointPairCsv.TryParse(text, path, out var pairs, out var why) ? pairs : throw new CliInputException(why);
    }

    private static Vec3 ToProto(Core.Geometry.Vec3 v) => new() { X = v.X, Y = v.Y, Z = v.Z };

    private static string? Refused(RpcException e)
        => CoordinatorCallOptions.FieldRefusal(e, s_fields, [StatusCode.InvalidArgument, StatusCode.FailedPrecondition, StatusCode.NotFound], "the calibration");

    private static void WriteText(CliIo io, CameraCalibration result, SolveRegistrationResponse? solved)
    {
        if (solved is { Registration: { } r })
        {
            var rows = new double[3][];
            for (var i = 0; i < 3; i++)
            {
                rows[i] = [r.Rotation[i * 3], r.Rotation[(i * 3) + 1], r.Rotation[(i * 3) + 2]];
            }

            var names = solved.Residuals.Select(p => p.Name).ToList();
            var t = r.Translation ?? new Vec3();
            CalibrateCommand.WriteSolution(io, rows, new Core.Geometry.Vec3(t.X, t.Y, t.Z), r.Scale, r.RmsM, names,
                solved.Residuals.Select(p => p.ResidualM).ToList(), solved.Residuals.Select(p => p.Outlier).ToList());
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Applied to camera {result.Camera}: version {result.Version}, from the next frame."));
        CalibrateShowCommand.WriteTable(io, [result]);
    }

    private static void WriteJson(CliIo io, CameraCalibration result, SolveRegistrationResponse? solved)
    {
        var json = new JsonObject { ["camera"] = result.Camera };
        if (solved is { Registration: { } r })
        {
            var rotation = new JsonArray();
            for (var i = 0; i < 3; i++)
            {
                rotation.Add(new JsonArray(JsonValue.Create(r.Rotation[i * 3]), JsonValue.Create(r.Rotation[(i * 3) + 1]), JsonValue.Create(r.Rotation[(i * 3) + 2])));
            }

            var t = r.Translation ?? new Vec3();
            var residuals = new JsonArray();
            foreach (var p in solved.Residuals)
            {
                residuals.Add(JsonValue.Create(p.ResidualM));
            }

            json["rotation"] = rotation;
            json["translation"] = new JsonArray(JsonValue.Create(t.X), JsonValue.Create(t.Y), JsonValue.Create(t.Z));
            json["scale"] = r.Scale;
            json["rmsM"] = r.RmsM;
            json["residualsM"] = residuals;
        }

        json["calibration"] = JsonNode.Parse(s_json.Format(result));
        io.WriteJson(json);
    }
}
