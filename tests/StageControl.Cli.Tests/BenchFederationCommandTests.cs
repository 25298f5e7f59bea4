using System.Text.Json.Nodes;

namespace StageControl.Cli.Tests;

// `stagectl bench federation` (issue 7 item 5): the contract fields and usage errors; figures are not asserted beyond
// their kind (a benchmark measures, a test does not time).
public sealed class BenchFederationCommandTests
{
    [Fact]
    public void BenchFederation_ShortRunTwoSites_PrintsContractFields()
    {
        // Arrange / Act
        var (code, stdout, stderr) = Stagectl.Run("bench", "federation", "--sites", "2", "--delay", "5ms", "--jitter", "1ms", "--loss", "0", "--duration", "3s", "--json");

        // Assert
        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal(["offsetErrorP99Us", "frameDisagreements", "resyncMs"], json.Select(p => p.Key));
        Assert.True((double)json["offsetErrorP99Us"]! >= 0);
        Assert.Equal(0, (long)json["frameDisagreements"]!);
        Assert.True((double)json["resyncMs"]! > 0, "a cut happened and the link re-locked");
    }

    [Theory]
    [InlineData("--sites", "1")]
    [InlineData("--loss", "101")]
    [InlineData("--delay", "fast")]
    [InlineData("--duration", "10")]
    public void BenchFederation_BadOption_ExitsTwoNamingIt(string option, string value)
    {
        // Arrange / Act
        var (code, _, stderr) = Stagectl.Run("bench", "federation", option, value, "--json");

        // Assert
        Assert.Equal(2, code);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }
}
