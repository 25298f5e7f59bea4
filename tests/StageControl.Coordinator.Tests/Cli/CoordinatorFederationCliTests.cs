// `stagectl coordinator` remote-stage options: bad values exit 1 naming what is wrong, before anything listens.
using StageControl.Cli;

namespace StageControl.Coordinator.Tests.Cli;

public sealed class CoordinatorFederationCliTests
{
    [Theory]
    [InlineData("--remote-delay-min", "5", "--remote-delay-max", "2", "--remote-delay-min")]
    [InlineData("--join", "ftp://x", "--site", "lon", "--join")]
    [InlineData("--site", "bad name", "--join", "http://127.0.0.1:1", "site name 'bad name'")]
    [InlineData("--clock-offset", "soon", "--site", "lon", "--clock-offset")]
    public void Coordinator_BadFederationOption_ExitOneOrTwoNamingIt(string o1, string v1, string o2, string v2, string named)
    {
        // Arrange / Act
        var (code, _, err) = Run("coordinator", "--config", TestStage.DemoPath, "--grpc", "127.0.0.1:0", "--http", "127.0.0.1:0", "--tracking-port", "0", o1, v1, o2, v2);

        // Assert
        Assert.InRange(code, 1, 2);
        Assert.Contains(named, err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = StagectlApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
