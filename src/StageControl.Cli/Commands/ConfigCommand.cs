using System.CommandLine;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Core.Stage;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl config validate FILE [--json]</c> (shared/DESIGN.md "Contracts"): exit 0 with a one-line summary, or
/// exit 1 with every problem on stderr, one per line as <c>FILE: $.json.path: message</c>
/// (<c>FILE:LINE:COL: message</c> for malformed JSON). <c>--json</c> also prints
/// <c>{"valid","problems":[{"path","kind","message"}],"name","frameRate","walls","panels","pixels","nodes","processors","cameras"}</c>.
/// </summary>
internal static class ConfigCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var config = new Command("config", "Work with stage config files (configs/README.md describes the format).");
        config.Subcommands.Add(CreateValidate(io));
        return config;
    }

    private static Command CreateValidate(CliIo io)
    {
        var file = new Argument<string>("FILE") { Description = "The stage config (JSON) to check." };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object on stdout." };
        var validate = new Command("validate", "Check a stage config and list every problem with its JSON path.");
        validate.Arguments.Add(file);
        validate.Options.Add(json);
        io.SetAction(validate, parse =>
        {
            var path = parse.GetValue(file)!;
            var result = StageConfigLoader.LoadFile(path);
            if (parse.GetValue(json))
            {
                var o = new JsonObject { ["valid"] = result.IsValid, ["problems"] = StageReport.ProblemsJson(result.Problems) };
                StageReport.AddSummary(o, result.Config);
                io.WriteJson(o);
            }
            else if (result.Config is { } stage)
            {
                io.Out.WriteLine($"{path}: valid — {StageReport.SummaryLine(stage)}");
            }

            if (!result.IsValid)
            {
                StageReport.WriteProblems(io, path, result.Problems);
                return ExitCodes.BadInput;
            }

            return ExitCodes.Ok;
        });
        return validate;
    }
}
