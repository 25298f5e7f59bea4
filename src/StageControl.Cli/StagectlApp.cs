using System.CommandLine;
using StageControl.Cli.Commands;
using StageControl.Cli.Internal;

namespace StageControl.Cli;

/// <summary>
/// Builds the <c>stagectl</c> command tree and runs it. Exit codes (shared/DESIGN.md "Contracts"):
/// 0 success, 1 bad input (message on stderr naming what and where), 2 usage error.
/// </summary>
public static class StagectlApp
{
    /// <summary>Parses and runs one command line, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var io = new CliIo(stdout, stderr);
        var root = BuildRoot(io);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"stagectl: {error.Message}");
            }

            stderr.WriteLine("Run 'stagectl --help' (or the command with --help) for usage.");
            return ExitCodes.Usage;
        }

        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        return parse.Invoke(config);
    }

    /// <summary>The root command with every stable verb of shared/DESIGN.md that exists so far.</summary>
    internal static RootCommand BuildRoot(CliIo io)
    {
        var root = new RootCommand("stagectl — the StageControl LED-volume stage controller.");
        root.Subcommands.Add(ConfigCommand.Create(io));
        root.Subcommands.Add(StageCommand.Create(io));
        root.Subcommands.Add(FrustumCommand.Create(io));
        root.Subcommands.Add(TimecodeCommand.Create(io));
        root.Subcommands.Add(CalibrateCommand.Create(io));
        root.Subcommands.Add(TrackCommand.Create(io));
        root.Subcommands.Add(BenchCommand.Create(io));
        root.Subcommands.Add(CoordinatorCommand.Create(io));
        root.Subcommands.Add(StatusCommand.Create(io));
        root.Subcommands.Add(TokenCommand.Create(io));
        root.Subcommands.Add(CertCommand.Create(io));
        root.Subcommands.Add(NodeCommand.Create(io));
        root.Subcommands.Add(DemoCommand.Create(io));
        root.Subcommands.Add(OperatorCommand.Create(io));
        root.Subcommands.Add(CollabCommand.Create(io));
        return root;
    }
}
