// ParentProcessWatch: the /proc/PID/stat parser (proc(5)) and the watch on a real process.
using System.Text;
using StageControl.Cli.Internal;

namespace StageControl.Cli.Tests;

public sealed class ParentProcessWatchTests
{
    // A line of the shape proc(5) gives, fields 1-22 (starttime = 4242), with a command name holding ") (" and spaces.
    private const string Stat = "123 (we) (ird name) S 1 123 123 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 4242 1000 50 18446744073709551615\n";

    [Fact]
    public void TryParseStat_CommandNameWithParenthesesAndSpaces_ReadsStateAndStartTime()
    {
        // Act
        var ok = ParentProcessWatch.TryParseStat(Encoding.ASCII.GetBytes(Stat), out var state, out var startTime);

        // Assert
        Assert.True(ok);
        Assert.Equal((byte)'S', state);
        Assert.Equal(4242UL, startTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("123 (name")]
    [InlineData("123 (name) S 1 2 3")]
    public void TryParseStat_Truncated_False(string text)
    {
        // Act
        var ok = ParentProcessWatch.TryParseStat(Encoding.ASCII.GetBytes(text), out _, out _);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public void Gone_ThisProcess_NotCancelled()
    {
        // Act
        using var watch = new ParentProcessWatch(Environment.ProcessId);

        // Assert
        Assert.False(watch.Gone.IsCancellationRequested);
    }
}
