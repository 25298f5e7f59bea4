using System.Text.Json.Nodes;
using StageControl.Cli;

namespace StageControl.Cli.Tests;

// `stagectl bench ingest` (shared/DESIGN.md "Contracts", bench verbs): field names and exit codes; figures are not asserted.
public sealed class BenchCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = StagectlApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void BenchIngest_ShortRun_PrintsContractFields()
    {
        // Arrange / Act
        var (code, stdout, stderr) = Run("bench", "ingest", "--rate", "500", "--duration", "500ms", "--json");

        // Assert
        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal(["sent", "received", "lossPct", "p99ArrivalToSampleUs", "baselineP99Us"], json.Select(p => p.Key));
        Assert.Equal(250, (int)json["sent"]!);
        Assert.True((long)json["received"]! > 0);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("-5s")]
    [InlineData("fast")]
    public void BenchIngest_BadDuration_ExitsTwoNamingTheOption(string duration)
    {
        // Arrange / Act
        var (code, _, stderr) = Run("bench", "ingest", "--duration", duration, "--json");

        // Assert
        Assert.Equal(2, code);
        Assert.Contains("--duration", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }
}
