using System.CommandLine;
using StageControl.Cli.Internal;

namespace StageControl.Cli.Commands;

/// <summary>`stagectl timecode` — skeleton; the Foundation issue fills it in this session.</summary>
internal static class TimecodeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        return new Command("timecode", "(being built)");
    }
}
