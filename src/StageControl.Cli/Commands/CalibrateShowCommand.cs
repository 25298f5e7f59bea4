using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Spectre.Console;
using StageControl.Cli.Internal;
using StageControl.Protos.V1;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl calibrate show --coordinator URL [--token T] [--ca F] [--json]</c>: every camera's calibration on a
/// running coordinator (<c>CalibrationService.GetCalibration</c>; technician token). A table, or with <c>--json</c> the
/// <c>StageCalibration</c> as protobuf JSON on one line (camelCase, default values included; 64-bit integers are
/// strings; the rotation is 9 numbers, row-major). An unreachable coordinator or a refused token exits 1.
/// </summary>
internal static class CalibrateShowCommand
{
    private static readonly JsonFormatter s_json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var common = new CoordinatorCallOptions("technician", "Print the stage calibration as one protobuf-JSON line.");
        var command = new Command("show", "Show every camera's registration, tracking delay and filter on a running coordinator.");
        common.AddTo(command);
        io.SetAction(command, parse =>
        {
            var calibration = common.Call(parse, (invoker, options) =>
                new CalibrationService.CalibrationServiceClient(invoker).GetCalibrationAsync(new GetCalibrationRequest(), options));
            if (parse.GetValue(common.Json))
            {
                io.Out.WriteLine(s_json.Format(calibration));
            }
            else
            {
                WriteTable(io, calibration.Cameras);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One row per camera (also after <c>calibrate apply</c>).</summary>
    internal static void WriteTable(CliIo io, IEnumerable<CameraCalibration> cameras)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table { Title = new TableTitle("Calibration") };
        table.AddColumns("camera", "registration", "translation (m)", "scale", "delay ms", "filter (fc Hz, β, dc Hz)", "version", "changed");
        foreach (var c in cameras)
        {
            var r = c.Registration;
            var t = r?.Translation;
            table.AddRow(
                Markup.Escape(c.Camera),
                Markup.Escape(Registered(r)),
                t is null ? "-" : string.Create(inv, $"{t.X:0.000}, {t.Y:0.000}, {t.Z:0.000}"),
                r is null ? "-" : r.Scale.ToString("0.######", inv),
                c.DelayMs.ToString("0.###", inv),
                Markup.Escape(Filter(c.Filter)),
                c.Version.ToString(inv),
                Markup.Escape(c.ChangedUnixNs == 0 ? "never" : $"{When(c.ChangedUnixNs)} {c.ChangedBy}"));
        }

        io.CreateTableConsole().Write(table);
    }

    /// <summary>"no", or "rms 1.20 mm, 6 pts".</summary>
    internal static string Registered(CameraRegistration? r) =>
        r is null ? "no" : string.Create(CultureInfo.InvariantCulture, $"rms {r.RmsM * 1000:0.00} mm, {r.PointCount} pts");

    /// <summary>"no", or "rms 1.2 mm, 2025-01-02 10:03Z" (the status cameras table).</summary>
    internal static string RegisteredShort(CameraRegistration? r) =>
        r is null ? "no"
        : r.SolvedUnixNs <= 0 ? string.Create(CultureInfo.InvariantCulture, $"rms {r.RmsM * 1000:0.0} mm")
        : string.Create(CultureInfo.InvariantCulture, $"rms {r.RmsM * 1000:0.0} mm, {When(r.SolvedUnixNs)}");

    /// <summary>UTC time of a Unix-ns stamp, to the minute.</summary>
    internal static string When(long unixNs) =>
        unixNs <= 0 ? "-" : DateTimeOffset.FromUnixTimeMilliseconds(unixNs / 1_000_000).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Filter(OneEuroParameters? f) =>
        f is null ? "off" : string.Create(CultureInfo.InvariantCulture, $"{f.MinCutoffHz:0.###}, {f.Beta:0.####}, {f.DerivativeCutoffHz:0.###}");
}
