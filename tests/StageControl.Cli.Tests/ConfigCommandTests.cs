using System.Text.Json.Nodes;

namespace StageControl.Cli.Tests;

/// <summary><c>stagectl config validate</c> run in-process: exit codes 0/1/2 and the output contract.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stagectl-config-").FullName;

    internal static string DemoPath => Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json");

    internal static (int Code, string Out, string Err) Run(params string[] args) => Stagectl.Run(args);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string BrokenDemo(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(DemoPath))!.AsObject();
        edit(root);
        return Write("broken.json", root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Validate_DemoConfig_ExitsZeroWithOneLineSummary()
    {
        // Act
        var (code, stdout, stderr) = Run("config", "validate", DemoPath);

        // Assert: 28 × 10 BP2V2 + 6 × 4 CB5 panels.
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("2 walls, 304 panels, 9,192,448 px, 4 nodes", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DemoConfigJson_PrintsSummaryObject()
    {
        // Act
        var (code, stdout, _) = Run("config", "validate", DemoPath, "--json");

        // Assert
        Assert.Equal(0, code);
        var o = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsObject();
        Assert.True((bool)o["valid"]!);
        Assert.Empty(o["problems"]!.AsArray());
        Assert.Equal("Demo Volume", (string?)o["name"]);
        Assert.Equal((2, 304, (280L * 176 * 176) + (24L * 104 * 208), 4), ((int)o["walls"]!, (int)o["panels"]!, (long)o["pixels"]!, (int)o["nodes"]!));
    }

    [Fact]
    public void Validate_BrokenConfig_ExitsOneListingEveryProblemWithPath()
    {
        // Arrange
        var path = BrokenDemo(r =>
        {
            r["frameRate"] = "24/0";
            r["walls"]![1]!["panelType"] = "cb6";
            r["cameras"]![0]!["sensor"]!["widthMm"] = 0;
        });

        // Act
        var (code, stdout, stderr) = Run("config", "validate", path);

        // Assert
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith($"{path}: $.frameRate: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{path}: $.walls[1].panelType: no panel type 'cb6'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{path}: $.cameras[0].sensor.widthMm: ", StringComparison.Ordinal));
        Assert.Equal($"{path}: 3 problems; the config is not valid", lines[^1]);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenConfigJson_ExitsOneWithProblemsInJson()
    {
        // Arrange
        var path = BrokenDemo(r => r["nodes"]![0]!["outputs"]![0]!["output"] = 99);

        // Act
        var (code, stdout, _) = Run("config", "validate", path, "--json");

        // Assert
        Assert.Equal(1, code);
        var o = JsonNode.Parse(stdout.Trim())!.AsObject();
        Assert.False((bool)o["valid"]!);
        var problem = Assert.Single(o["problems"]!.AsArray())!;
        Assert.Equal(("$.nodes[0].outputs[0].output", "unknown-output"), ((string?)problem["path"], (string?)problem["kind"]));
        Assert.Null(o["panels"]);
    }

    [Fact]
    public void Validate_MalformedJson_ReportsFileLineColumn()
    {
        // Arrange: the second comma is on line 3, column 15.
        var path = Write("bad.json", "{\n  \"name\": \"x\",\n  \"walls\": [1,,]\n}\n");

        // Act
        var (code, _, stderr) = Run("config", "validate", path);

        // Assert
        Assert.Equal(1, code);
        Assert.StartsWith($"{path}:3:15: malformed JSON", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_ExitsOneNamingIt()
    {
        // Arrange
        var path = Path.Combine(_dir, "absent.json");

        // Act
        var (code, _, stderr) = Run("config", "validate", path);

        // Assert
        Assert.Equal(1, code);
        Assert.StartsWith($"{path}: no such file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoFileArgument_ExitsTwo()
    {
        // Act
        var (code, _, stderr) = Run("config", "validate");

        // Assert
        Assert.Equal(2, code);
        Assert.Contains("stagectl:", stderr, StringComparison.Ordinal);
    }
}
