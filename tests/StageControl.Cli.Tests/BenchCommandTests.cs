using System.Text.Json.Nodes;
using StageControl.Cli;

namespace StageControl.Cli.Tests;

// `stagectl bench ingest|latency|barrier` (shared/DESIGN.md "Contracts", bench verbs): field names, sanity and exit
// codes; speed is never asserted (figures depend on the machine and its load).
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

    [Fact]
    public void BenchLatency_TwoNodesShortRun_PrintsContractFieldsWithSaneFigures()
    {
        // Arrange / Act
        var (code, stdout, stderr) = Run("bench", "latency", "--nodes", "2", "--rate", "60", "--duration", "2s", "--json");

        // Assert
        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal(["p50Us", "p99Us", "framePeriodUs", "baselineP99Us", "samples"], json.Select(p => p.Key));
        var p50 = (double)json["p50Us"]!;
        var p99 = (double)json["p99Us"]!;
        Assert.True(p50 > 0, $"p50 {p50}");
        Assert.True(p50 <= p99, $"p50 {p50} > p99 {p99}");
        Assert.True((double)json["baselineP99Us"]! > 0);
        Assert.Equal(16666.7, (double)json["framePeriodUs"]!);

        // 60 datagrams/s for 2 s to 2 nodes: at most 240 pairs; most of them must arrive.
        Assert.InRange((long)json["samples"]!, 120, 242);
    }

    [Fact]
    public void BenchBarrier_TwoNodesShortRun_PrintsContractFieldsWithSaneFigures()
    {
        // Arrange / Act
        var (code, stdout, stderr) = Run("bench", "barrier", "--nodes", "2", "--rate", "60", "--duration", "2s", "--json");

        // Assert
        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal(["frames", "framesMissed", "skewP99Us", "overheadP99Us"], json.Select(p => p.Key));
        var frames = (long)json["frames"]!;
        Assert.InRange(frames, 60, 122);
        Assert.InRange((long)json["framesMissed"]!, 0, frames);
        Assert.True((double)json["skewP99Us"]! >= 0);
        Assert.True((double)json["overheadP99Us"]! > 0);
    }

    [Fact]
    public void BenchCpu_SmallShortRun_MeasuresTheCoordinatorChildAndStopsIt()
    {
        // Arrange / Act: a real coordinator child process, 2 nodes, 2 cameras at 50 Hz, 30 fps, 2 s measured.
        var (code, stdout, stderr) = Run("bench", "cpu", "--nodes", "2", "--cameras", "2", "--tracking-rate", "50", "--rate", "30", "--duration", "2s", "--json");

        // Assert: the fields, a CPU figure from the child's own counters, frames and samples in the window.
        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.Equal(["coordinatorCores", "idleCores", "budgetCores", "frames", "framesMissed", "samples", "nodes", "cameras"], json.Select(p => p.Key));
        Assert.InRange((double)json["coordinatorCores"]!, 0.0001, 2);
        Assert.InRange((double)json["idleCores"]!, 0, 2);
        Assert.InRange((long)json["frames"]!, 30, 70);
        Assert.InRange((long)json["samples"]!, 100, 260);
        var pid = int.Parse(System.Text.RegularExpressions.Regex.Match(stderr, @"coordinator PID (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists("/proc/" + pid) && File.ReadAllText($"/proc/{pid}/cmdline").Contains("coordinator", StringComparison.Ordinal), "the coordinator child is still running");
    }

    [Theory]
    [InlineData("latency", "--nodes", "0")]
    [InlineData("barrier", "--nodes", "0")]
    [InlineData("latency", "--nodes", "257")]
    [InlineData("latency", "--duration", "10")]
    [InlineData("barrier", "--duration", "-1s")]
    [InlineData("barrier", "--rate", "fast")]
    [InlineData("latency", "--rate", "0")]
    public void BenchLatencyAndBarrier_BadOption_ExitsTwoNamingIt(string verb, string option, string value)
    {
        // Arrange / Act
        var (code, stdout, stderr) = Run("bench", verb, option, value, "--json");

        // Assert
        Assert.Equal(2, code);
        Assert.Contains(option, stderr);
        Assert.DoesNotContain("Exception", stderr);
        Assert.Equal(string.Empty, stdout);
    }
}
