using System.CommandLine;
using StageControl.Cli.Internal;

namespace StageControl.Cli.Commands;

/// <summary>`stagectl stage` — skeleton; the Foundation issue fills it in this session.</summary>
internal static class StageCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        return new Command("stage", "(being built)");
    }
}
