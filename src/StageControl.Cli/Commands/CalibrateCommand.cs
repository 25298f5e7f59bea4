using System.CommandLine;
using StageControl.Cli.Internal;

namespace StageControl.Cli.Commands;

/// <summary>`stagectl calibrate` — skeleton; the Foundation issue fills it in this session.</summary>
internal static class CalibrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        return new Command("calibrate", "(being built)");
    }
}
