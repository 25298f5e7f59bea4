using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using StageControl.Cli.Internal;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl collab camera --coordinator URL [--token T] --position x,y,z --orientation w,x,y,z --fov F [--aspect A]</c>,
/// <c>stagectl collab annotate --coordinator URL [--token T] --text S --position x,y,z [--color r,g,b,a]</c> and
/// <c>stagectl collab annotations --coordinator URL [--token T]</c> (each with <c>[--ca F] [--json]</c>): a collaborator's
/// own virtual camera (<c>virtual/&lt;token subject&gt;</c>) and annotations over <c>stagecontrol.v1.CollaboratorService</c>.
/// With <c>--json</c> the reply (the camera, the annotation, or the list) is one protobuf-JSON line. A value the
/// coordinator refuses exits 1 with its message (which names the field) and the option; a malformed list of numbers
/// exits 1 naming the option.
/// </summary>
internal static class CollabCommand
{
    private static readonly JsonFormatter s_json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    // The proto field names the coordinator's messages start with → the options that set them.
    private static readonly (string Field, string Option)[] s_fields =
    [
        ("position", "--position"),
        ("orientation", "--orientation"),
        ("vertical_fov_deg", "--fov"),
        ("aspect", "--aspect"),
        ("text", "--text"),
        ("color", "--color"),
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var command = new Command("collab", "A collaborator's own virtual camera and annotations on a shared stage.");
        command.Subcommands.Add(CreateCamera(io));
        command.Subcommands.Add(CreateAnnotate(io));
        command.Subcommands.Add(CreateAnnotations(io));
        return command;
    }

    private static Command CreateCamera(CliIo io)
    {
        var common = new CoordinatorCallOptions("collaborator --subject NAME", "Print the reply as one protobuf-JSON line.", Refused);
        var position = new Option<string>("--position") { Description = "Entrance pupil x,y,z in metres, stage frame (Y up).", Required = true };
        var orientation = new Option<string>("--orientation") { Description = "Unit quaternion w,x,y,z (camera looks down its local -Z); 1,0,0,0 is identity.", Required = true };
        var fov = new Option<double>("--fov") { Description = "Vertical field of view, degrees (1-170).", Required = true };
        var aspect = new Option<double?>("--aspect") { Description = "Picture width / height for the horizontal field of view (default 16/9)." };
        var command = new Command("camera", "Set your virtual camera (virtual/<your token's subject>); it is cued with the stage's cameras but never live.");
        command.Options.Add(position);
        command.Options.Add(orientation);
        command.Options.Add(fov);
        command.Options.Add(aspect);
        common.AddTo(command);
        io.SetAction(command, parse =>
        {
            var p = ParseNumbers(parse.GetValue(position), 3, "--position", "x,y,z", "1.5,1.7,-4");
            var q = ParseNumbers(parse.GetValue(orientation), 4, "--orientation", "w,x,y,z", "1,0,0,0");
            var request = new SetVirtualCameraRequest
            {
                Position = new Vec3 { X = p[0], Y = p[1], Z = p[2] },
                Orientation = new Quat { W = q[0], X = q[1], Y = q[2], Z = q[3] },
                VerticalFovDeg = parse.GetValue(fov),
                Aspect = parse.GetValue(aspect) ?? 0,
            };
            var camera = common.Call(parse, (invoker, options) =>
                new CollaboratorService.CollaboratorServiceClient(invoker).SetVirtualCameraAsync(request, options));
            if (parse.GetValue(common.Json))
            {
                io.Out.WriteLine(s_json.Format(camera));
            }
            else
            {
                var at = camera.Position;
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{camera.Name} at {at.X:0.###},{at.Y:0.###},{at.Z:0.###} m, vertical fov {camera.VerticalFovDeg:0.###}°, horizontal {camera.HorizontalFovDeg:0.###}°"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateAnnotate(CliIo io)
    {
        var common = new CoordinatorCallOptions("collaborator --subject NAME", "Print the reply as one protobuf-JSON line.", Refused);
        var text = new Option<string>("--text") { Description = "The label, 1-200 characters.", Required = true };
        var position = new Option<string>("--position") { Description = "Where, x,y,z in metres, stage frame.", Required = true };
        var color = new Option<string?>("--color") { Description = "r,g,b,a each 0..1 (default 1,1,1,1)." };
        var command = new Command("annotate", "Add an annotation (a labelled point); prints its id. At most 16 per author.");
        command.Options.Add(text);
        command.Options.Add(position);
        command.Options.Add(color);
        common.AddTo(command);
        io.SetAction(command, parse =>
        {
            var p = ParseNumbers(parse.GetValue(position), 3, "--position", "x,y,z", "0,2,-5");
            var request = new AddAnnotationRequest { Text = parse.GetValue(text) ?? string.Empty, Position = new Vec3 { X = p[0], Y = p[1], Z = p[2] } };
            if (parse.GetValue(color) is { } rgbaText)
            {
                var c = ParseNumbers(rgbaText, 4, "--color", "r,g,b,a", "1,0.2,0.2,1");
                request.Color = new Rgba { Red = (float)c[0], Green = (float)c[1], Blue = (float)c[2], Alpha = (float)c[3] };
            }

            var annotation = common.Call(parse, (invoker, options) =>
                new CollaboratorService.CollaboratorServiceClient(invoker).AddAnnotationAsync(request, options));
            if (parse.GetValue(common.Json))
            {
                io.Out.WriteLine(s_json.Format(annotation));
            }
            else
            {
                io.Out.WriteLine(annotation.Id);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateAnnotations(CliIo io)
    {
        var common = new CoordinatorCallOptions("collaborator --subject NAME", "Print the reply as one protobuf-JSON line.", Refused);
        var command = new Command("annotations", "List every annotation on the stage, oldest first.");
        common.AddTo(command);
        io.SetAction(command, parse =>
        {
            var list = common.Call(parse, (invoker, options) =>
                new CollaboratorService.CollaboratorServiceClient(invoker).ListAnnotationsAsync(new ListAnnotationsRequest(), options));
            if (parse.GetValue(common.Json))
            {
                io.Out.WriteLine(s_json.Format(list));
                return ExitCodes.Ok;
            }

            if (list.Annotations.Count == 0)
            {
                io.Out.WriteLine("no annotations");
            }

            foreach (var a in list.Annotations)
            {
                var at = a.Position ?? new Vec3();
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{a.Id}  {a.Author}  {at.X:0.###},{at.Y:0.###},{at.Z:0.###}  {a.Text}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Exactly <paramref name="count"/> finite comma-separated numbers, or exit 1 naming the option.</summary>
    internal static double[] ParseNumbers(string? text, int count, string option, string shape, string example)
    {
        var parts = (text ?? string.Empty).Split(',');
        var values = new double[count];
        if (parts.Length != count)
        {
            throw new CliInputException($"{option}: '{text}' is not {shape} ({count} numbers separated by commas, e.g. {example})");
        }

        for (var i = 0; i < count; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new CliInputException($"{option}: '{parts[i].Trim()}' in '{text}' is not a finite number (write {shape}, e.g. {example})");
            }
        }

        return values;
    }

    private static string? Refused(RpcException e)
        => CoordinatorCallOptions.FieldRefusal(e, s_fields, [StatusCode.InvalidArgument, StatusCode.ResourceExhausted, StatusCode.NotFound], "it");
}
