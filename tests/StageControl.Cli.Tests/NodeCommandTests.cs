// `stagectl node` refusals that happen before any GL or network work: an unreadable or undecodable --scene.
namespace StageControl.Cli.Tests;

public sealed class NodeCommandTests
{
    [Fact]
    public void Node_SceneMissing_ExitOneNamingTheOptionAndPath()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"stagectl-no-such-{Environment.ProcessId}.glb");

        // Act
        var (code, _, err) = Stagectl.Run("node", "--coordinator", "http://127.0.0.1:9", "--name", "node-1", "--scene", path);

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("--scene: cannot read " + path, err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_SceneNotAGlb_ExitOneWithTheLoadersReason()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"stagectl-not-glb-{Environment.ProcessId}.glb");
        File.WriteAllText(path, "this is not a binary glTF file");

        try
        {
            // Act
            var (code, _, err) = Stagectl.Run("node", "--coordinator", "http://127.0.0.1:9", "--name", "node-1", "--scene", path);

            // Assert
            Assert.Equal(1, code);
            Assert.Contains("--scene: " + path + ": ", err, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
