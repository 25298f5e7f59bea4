using System.Text.Json.Nodes;

namespace StageControl.Cli.Tests;

/// <summary><c>stagectl stage show</c> run in-process.</summary>
public sealed class StageCommandTests
{
    [Fact]
    public void Show_DemoConfig_PrintsTablesForEverySection()
    {
        // Act
        var (code, stdout, stderr) = ConfigCommandTests.Run("stage", "show", "--config", ConfigCommandTests.DemoPath);

        // Assert
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        foreach (var text in new[] { "Walls", "Render nodes", "LED processors", "Cameras", "main", "ceiling", "node-4", "sx40-1", "helios-1", "A-cam", "8,673,280", "2,687,488" })
        {
            Assert.Contains(text, stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_DemoConfigJson_GivesTheSameDataAsOneObject()
    {
        // Act
        var (code, stdout, _) = ConfigCommandTests.Run("stage", "show", "--config", ConfigCommandTests.DemoPath, "--json");

        // Assert
        Assert.Equal(0, code);
        var lines = stdout.Trim().Split('\n');
        var o = JsonNode.Parse(lines[^1])!.AsObject();
        Assert.Equal(304, (int)o["panels"]!);
        Assert.Equal(["main", "ceiling"], o["wallList"]!.AsArray().Select(w => (string)w!["id"]!));
        var node4 = o["nodeList"]!.AsArray().Single(n => (string)n!["name"]! == "node-4")!;
        Assert.Equal((94, (70L * 176 * 176) + (24L * 104 * 208)), ((int)node4["panels"]!, (long)node4["pixels"]!));
        var helios = o["processorList"]!.AsArray().Single(p => (string)p!["id"]! == "helios-1")!;
        Assert.Equal(2, (int)helios["outputsUsed"]!);
        Assert.Equal("freed", (string?)o["cameraList"]![0]!["protocol"]);
    }

    [Fact]
    public void Show_InvalidConfig_ExitsOneWithProblems()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"stagectl-show-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, File.ReadAllText(ConfigCommandTests.DemoPath).Replace("\"24000/1001\"", "\"0/1\"", StringComparison.Ordinal));
        try
        {
            // Act
            var (code, stdout, stderr) = ConfigCommandTests.Run("stage", "show", "--config", path);

            // Assert
            Assert.Equal(1, code);
            Assert.Equal(string.Empty, stdout);
            Assert.StartsWith($"{path}: $.frameRate: ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Show_WithoutConfigOption_ExitsTwo()
    {
        // Act
        var (code, _, _) = ConfigCommandTests.Run("stage", "show");

        // Assert
        Assert.Equal(2, code);
    }
}
