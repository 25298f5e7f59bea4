using StageControl.Cli;

namespace StageControl.Cli.Tests;

public class StagectlAppTests
{
    internal static (int Code, string Out, string Err) Run(params string[] args) => Stagectl.Run(args);

    [Fact]
    public void Run_Help_ListsStableVerbsAndExitsZero()
    {
        // Act
        var (code, output, _) = Run("--help");

        // Assert
        Assert.Equal(0, code);
        foreach (var verb in new[] { "config", "stage", "frustum", "timecode", "calibrate" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_UnknownCommand_IsUsageErrorTwo()
    {
        // Act
        var (code, _, err) = Run("no-such-verb");

        // Assert
        Assert.Equal(2, code);
        Assert.Contains("no-such-verb", err, StringComparison.Ordinal);
    }
}
