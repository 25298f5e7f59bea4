using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using StageControl.Cli.Internal;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl operator get --coordinator URL [--token T] [--ca F] [--json]</c> and <c>stagectl operator set
/// --coordinator URL [--camera NAME] [--overscan PCT] [--soft-edge F] [--delay-offset MS] [--freeze true|false]
/// [--chroma-key off|R,G,B] [--token T] [--ca F] [--json]</c>: the DoP's live controls over
/// <c>stagecontrol.v1.OperatorService</c> (GetControls / SetControls with only the fields given; a change applies from
/// the next frame boundary). Both print the resulting state: one line, or with <c>--json</c> the
/// <c>OperatorState</c> as protobuf JSON (camelCase, default values included; 64-bit integers are strings, as the
/// mapping writes them) on one line. A value the coordinator refuses (INVALID_ARGUMENT) exits 1 with its message, which
/// names the field, plus the option; an unreachable coordinator or a refused token exits 1; <c>set</c> with nothing
/// to set, or <c>--freeze</c> other than true/false, exits 2. Chroma-key colours are linear 0..1.
/// </summary>
internal static class OperatorCommand
{
    private static readonly JsonFormatter s_json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    // The proto field names the coordinator's messages start with → the options that set them.
    private static readonly (string Field, string Option)[] s_fields =
    [
        ("active_camera", "--camera"),
        ("overscan_pct", "--overscan"),
        ("soft_edge", "--soft-edge"),
        ("delay_offset_ms", "--delay-offset"),
        ("freeze", "--freeze"),
        ("chroma_key", "--chroma-key"),
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var command = new Command("operator", "The operator's live controls: active camera, overscan, soft edge, delay offset, freeze, chroma key.");
        command.Subcommands.Add(CreateGet(io));
        command.Subcommands.Add(CreateSet(io));
        return command;
    }

    private static Command CreateGet(CliIo io)
    {
        var common = new CoordinatorCallOptions("operator", "Print the operator state as one protobuf-JSON line.", Refused);
        var get = new Command("get", "Show the operator controls in force.");
        common.AddTo(get);
        io.SetAction(get, parse =>
        {
            var state = common.Call(parse, (invoker, options) =>
                new OperatorService.OperatorServiceClient(invoker).GetControlsAsync(new GetControlsRequest(), options));
            Write(io, state, parse.GetValue(common.Json));
            return ExitCodes.Ok;
        });
        return get;
    }

    private static Command CreateSet(CliIo io)
    {
        var common = new CoordinatorCallOptions("operator", "Print the operator state as one protobuf-JSON line.", Refused);
        var camera = new Option<string?>("--camera") { Description = "Active camera: its name in the stage config, or a linked site's camera as site/camera." };
        var overscan = new Option<double?>("--overscan") { Description = "Inner-frustum overscan, percent of the field of view each side (0-100)." };
        var softEdge = new Option<double?>("--soft-edge") { Description = "Soft-edge width, fraction of the inner frustum's smaller half-extent (0-0.5)." };
        var delay = new Option<double?>("--delay-offset") { Description = "Added to every tracking source's delay, milliseconds (-1000..1000; positive = older samples)." };
        var freeze = new Option<string?>("--freeze") { Description = "true: hold the inner frustum at the current pose; false: follow the camera again." };
        freeze.AcceptOnlyFromAmong("true", "false");
        var chroma = new Option<string?>("--chroma-key") { Description = "off, or R,G,B (linear 0..1) to fill the inner frustum with that colour." };
        var set = new Command("set", "Change operator controls (only the options given); prints the new state.");
        foreach (var option in new Option[] { camera, overscan, softEdge, delay, freeze, chroma })
        {
            set.Options.Add(option);
        }

        common.AddTo(set);
        io.SetAction(set, parse =>
        {
            var request = new SetControlsRequest();
            if (parse.GetValue(camera) is { } name)
            {
                request.ActiveCamera = name;
            }

            if (parse.GetValue(overscan) is { } pct)
            {
                request.OverscanPct = pct;
            }

            if (parse.GetValue(softEdge) is { } edge)
            {
                request.SoftEdge = edge;
            }

            if (parse.GetValue(delay) is { } ms)
            {
                request.DelayOffsetMs = ms;
            }

            if (parse.GetValue(freeze) is { } frozen)
            {
                request.Freeze = frozen == "true";
            }

            if (parse.GetValue(chroma) is { } key)
            {
                request.ChromaKey = ParseChromaKey(key);
            }

            if (request.CalculateSize() == 0)
            {
                throw new CliUsageException("nothing to set: give at least one of --camera, --overscan, --soft-edge, --delay-offset, --freeze, --chroma-key");
            }

            var state = common.Call(parse, (invoker, options) =>
                new OperatorService.OperatorServiceClient(invoker).SetControlsAsync(request, options));
            Write(io, state, parse.GetValue(common.Json));
            return ExitCodes.Ok;
        });
        return set;
    }

    /// <summary><c>off</c> → disabled; <c>R,G,B</c> (each a number) → enabled with that fill colour. The range (0..1)
    /// is the coordinator's to check, so its message names the field.</summary>
    internal static ChromaKey ParseChromaKey(string text)
    {
        if (string.Equals(text.Trim(), "off", StringComparison.OrdinalIgnoreCase))
        {
            return new ChromaKey { Enabled = false };
        }

        var parts = text.Split(',');
        var rgb = new float[3];
        if (parts.Length != 3)
        {
            throw new CliInputException($"--chroma-key: '{text}' is not 'off' or R,G,B (three numbers 0..1, e.g. 0,0.7,0.2)");
        }

        for (var i = 0; i < 3; i++)
        {
            if (!float.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out rgb[i]) || !float.IsFinite(rgb[i]))
            {
                throw new CliInputException($"--chroma-key: '{parts[i].Trim()}' in '{text}' is not a number (write R,G,B with values 0..1, e.g. 0,0.7,0.2)");
            }
        }

        return new ChromaKey { Enabled = true, Red = rgb[0], Green = rgb[1], Blue = rgb[2] };
    }

    private static string? Refused(RpcException e)
        => CoordinatorCallOptions.FieldRefusal(e, s_fields, [StatusCode.InvalidArgument, StatusCode.FailedPrecondition], "the change");

    private static void Write(CliIo io, OperatorState state, bool json)
    {
        if (json)
        {
            io.Out.WriteLine(s_json.Format(state));
            return;
        }

        var key = state.ChromaKey is { Enabled: true } k
            ? string.Create(CultureInfo.InvariantCulture, $"{k.Red:0.###},{k.Green:0.###},{k.Blue:0.###}")
            : "off";
        var freeze = state.Freeze ? string.Create(CultureInfo.InvariantCulture, $"on (at frame {state.FrozenAtFrame})") : "off";
        var from = state.AppliesFromFrame == long.MinValue ? "start" : state.AppliesFromFrame.ToString(CultureInfo.InvariantCulture);
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"camera {state.ActiveCamera}, overscan {state.OverscanPct:0.###} %, soft edge {state.SoftEdge:0.###}, delay offset {state.DelayOffsetMs:0.###} ms, freeze {freeze}, chroma key {key}; version {state.Version}, from frame {from}"));
    }
}
