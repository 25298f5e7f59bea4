// `stagectl frustum`: Kooima's off-axis projection for one flat screen and one eye (shared/DESIGN.md "Contracts";
// shared/notes/math.md §2).
using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Core.Geometry;
using StageControl.Core.Projection;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl frustum --pa x,y,z --pb x,y,z --pc x,y,z --eye x,y,z --near n --far f [--depth gl|zero-to-one] [--json]</c>.
/// With <c>--json</c>: <c>{"projection":[[4 numbers] x4 rows]}</c>, the full P·Mᵀ·T in GL convention (row-major rows,
/// column vectors, right-handed, depth in [−1, 1]; <c>--depth zero-to-one</c> swaps in the [0, 1] depth row). Numbers
/// are printed in their shortest round-trip form. Bad vectors or numbers, or a degenerate configuration → exit 1
/// naming the option; a missing option → exit 2.
/// </summary>
internal static class FrustumCommand
{
    private const string DepthGl = "gl";
    private const string DepthZeroToOne = "zero-to-one";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var pa = Vector("--pa", "Lower-left screen corner as seen from the viewer, x,y,z (stage space, +Y up).");
        var pb = Vector("--pb", "Lower-right screen corner, x,y,z.");
        var pc = Vector("--pc", "Upper-left screen corner, x,y,z.");
        var eye = Vector("--eye", "Eye position pe (for a camera: its entrance pupil), x,y,z.");
        var near = new Option<string>("--near") { Description = "Near distance n > 0, measured along the screen normal.", Required = true };
        var far = new Option<string>("--far") { Description = "Far distance f > n.", Required = true };
        var depth = new Option<string>("--depth")
        {
            Description = "Clip depth: gl ([-1, 1], the default) or zero-to-one ([0, 1], Direct3D/Vulkan).",
            DefaultValueFactory = _ => DepthGl,
        };
        depth.AcceptOnlyFromAmong(DepthGl, DepthZeroToOne);
        var skew = new Option<string>("--skew-tolerance")
        {
            Description = "Largest |vr·vu| (cosine of the corner angle) accepted before the corners count as skewed. "
                + "Default 0.001 (0.06°): loose enough for corners typed with a few decimals, tight enough to catch a wrong corner.",
            DefaultValueFactory = _ => "0.001",
        };
        var json = new Option<bool>("--json") { Description = "Print {\"projection\":[[...] x4]} on one line." };

        var command = new Command("frustum", "Kooima off-axis projection P·Mᵀ·T for one flat screen and one eye (GL convention).");
        foreach (var option in new Option[] { pa, pb, pc, eye, near, far, depth, skew, json })
        {
            command.Options.Add(option);
        }

        io.SetAction(command, parse =>
        {
            var vpa = ParseVector(parse.GetValue(pa), "--pa");
            var vpb = ParseVector(parse.GetValue(pb), "--pb");
            var vpc = ParseVector(parse.GetValue(pc), "--pc");
            var veye = ParseVector(parse.GetValue(eye), "--eye");
            var n = ParseNumber(parse.GetValue(near), "--near");
            var f = ParseNumber(parse.GetValue(far), "--far");
            var range = parse.GetValue(depth) == DepthZeroToOne ? DepthRange.ZeroToOne : DepthRange.MinusOneToOne;

            var skewTolerance = ParseNumber(parse.GetValue(skew), "--skew-tolerance");
            if (!(skewTolerance >= 0))
            {
                throw new CliInputException("--skew-tolerance: must be zero or positive.");
            }

            if (!KooimaScreen.TryCreate(vpa, vpb, vpc, out var screen, out var error, skewTolerance))
            {
                throw new CliInputException($"--pa/--pb/--pc: {error.Describe()}.");
            }

            if (!screen!.TryGetProjection(veye, n, f, range, out var projection, out var extents, out error))
            {
                throw new CliInputException($"{OptionFor(error)}: {error.Describe()}.");
            }

            if (parse.GetValue(json))
            {
                var rows = new JsonArray();
                for (var i = 0; i < 4; i++)
                {
                    rows.Add(new JsonArray(Clean(projection[i, 0]), Clean(projection[i, 1]), Clean(projection[i, 2]), Clean(projection[i, 3])));
                }

                io.WriteJson(new JsonObject { ["projection"] = rows });
            }
            else
            {
                WriteReadable(io.Out, screen, extents, projection, range);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string> Vector(string name, string description) =>
        new(name) { Description = description, Required = true };

    private static Vec3 ParseVector(string? text, string option)
    {
        if (!Vec3.TryParse(text, out var value))
        {
            throw new CliInputException($"{option}: '{text}' is not a vector; expected three finite numbers x,y,z (e.g. -1.5,0.75,-18).");
        }

        return value;
    }

    private static double ParseNumber(string? text, string option)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new CliInputException($"{option}: '{text}' is not a finite number.");
        }

        return value;
    }

    /// <summary>Turns −0 into 0 so the output never shows "-0" (the value is unchanged).</summary>
    private static double Clean(double value) => value + 0.0;

    private static string OptionFor(ProjectionError error) => error switch
    {
        ProjectionError.NearNotPositive => "--near",
        ProjectionError.FarNotBeyondNear => "--far",
        _ => "--eye",
    };

    private static void WriteReadable(TextWriter o, KooimaScreen s, FrustumExtents x, Mat4 p, DepthRange range)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(ci, $"basis     vr = {s.Right}  vu = {s.Up}  vn = {s.Normal}"));
        o.WriteLine(string.Create(ci, $"distance  d = {x.Distance:R}"));
        o.WriteLine(string.Create(ci, $"extents   l = {x.Left:R}  r = {x.Right:R}  b = {x.Bottom:R}  t = {x.Top:R}  (n = {x.Near:R}, f = {x.Far:R})"));
        o.WriteLine(range == DepthRange.ZeroToOne
            ? "projection P·Mᵀ·T (row-major, column vectors, depth [0, 1]):"
            : "projection P·Mᵀ·T (row-major, column vectors, depth [-1, 1]):");
        for (var i = 0; i < 4; i++)
        {
            o.WriteLine(string.Create(ci, $"  [ {Clean(p[i, 0]),24:R} {Clean(p[i, 1]),24:R} {Clean(p[i, 2]),24:R} {Clean(p[i, 3]),24:R} ]"));
        }
    }
}
