using StageControl.Cli;

namespace StageControl.Cli.Tests;

// `stagectl timecode` (shared/DESIGN.md "Contracts"); drop-frame labels hand-checked per shared/notes/math.md §6.
public sealed class TimecodeCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Stagectl.Run(args);

    [Theory]
    [InlineData("30000/1001", "1800", "00:01:00;02")]
    [InlineData("30000/1001", "17982", "00:10:00;00")]
    [InlineData("30000/1001", "17983", "00:10:00;01")]
    [InlineData("60000/1001", "3600", "00:01:00;04")]
    [InlineData("60000/1001", "100000", "00:27:48;20")]
    public void Timecode_DropFrameFrame_PrintsBareLabel(string rate, string frame, string label)
    {
        // Arrange / Act
        var (code, stdout, stderr) = Run("timecode", "--rate", rate, "--drop", "--frame", frame);

        // Assert
        Assert.Equal(0, code);
        Assert.Equal(label + "\n", stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Empty(stderr);
    }

    [Theory]
    [InlineData("30000/1001", "00:00:59;29", "1799")]
    [InlineData("30000/1001", "01:00:00;00", "107892")]
    [InlineData("60000/1001", "00:01:00;05", "3601")]
    public void Timecode_DropFrameLabel_PrintsBareFrame(string rate, string label, string frame)
    {
        // Arrange / Act
        var (code, stdout, _) = Run("timecode", "--rate", rate, "--drop", "--timecode", label);

        // Assert
        Assert.Equal(0, code);
        Assert.Equal(frame, stdout.Trim());
    }

    [Fact]
    public void Timecode_NonDrop23976_UsesColonAndNominal24()
    {
        // Arrange / Act
        var (code, stdout, _) = Run("timecode", "--rate", "24000/1001", "--frame", "86401");

        // Assert: 86401 = 3600·24 + 1 → one hour and one frame.
        Assert.Equal(0, code);
        Assert.Equal("01:00:00:01", stdout.Trim());
    }

    [Fact]
    public void Timecode_Json_PrintsExactObject()
    {
        // Arrange / Act
        var (code, stdout, _) = Run("timecode", "--rate", "30000/1001", "--drop", "--timecode", "00:01:00;02", "--json");

        // Assert
        Assert.Equal(0, code);
        Assert.Equal("{\"frame\":1800,\"timecode\":\"00:01:00;02\",\"rate\":\"30000/1001\",\"dropFrame\":true}", stdout.Trim());
    }

    [Fact]
    public void Timecode_FramePastOneDay_WrapsLabelButKeepsFrameInJson()
    {
        // Arrange: a 29.97 DF day is 2 589 408 frames.
        var (code, stdout, _) = Run("timecode", "--rate", "30000/1001", "--drop", "--frame", "2589409", "--json");

        // Assert
        Assert.Equal(0, code);
        Assert.Equal("{\"frame\":2589409,\"timecode\":\"00:00:00;01\",\"rate\":\"30000/1001\",\"dropFrame\":true}", stdout.Trim());
    }

    [Theory]
    [InlineData("timecode", "--rate", "30000/1001")]
    [InlineData("timecode", "--rate", "30000/1001", "--frame", "1", "--timecode", "00:00:00;01")]
    [InlineData("timecode", "--frame", "1")]
    public void Timecode_NotExactlyOneInput_ExitsTwo(params string[] args)
    {
        // Arrange / Act
        var (code, stdout, stderr) = Run(args);

        // Assert
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.NotEmpty(stderr);
    }

    [Theory]
    [InlineData("drop-frame timecode exists only", "--rate", "25/1", "--drop", "--frame", "1")]
    [InlineData("does not exist in drop-frame", "--rate", "30000/1001", "--drop", "--timecode", "00:01:00;00")]
    [InlineData("frames 30 out of range", "--rate", "30000/1001", "--drop", "--timecode", "00:00:00;30")]
    [InlineData("minutes 60 out of range", "--rate", "25/1", "--timecode", "00:60:00:00")]
    [InlineData("frame counts must be 0 or more", "--rate", "25/1", "--frame", "-5")]
    [InlineData("not an integer frame count", "--rate", "25/1", "--frame", "ten")]
    [InlineData("is not NUM/DEN", "--rate", "abc", "--frame", "1")]
    [InlineData("must be positive", "--rate", "0/1", "--frame", "1")]
    public void Timecode_BadInput_ExitsOneWithReason(string reason, params string[] args)
    {
        // Arrange / Act
        var (code, stdout, stderr) = Run(["timecode", .. args]);

        // Assert
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }
}
