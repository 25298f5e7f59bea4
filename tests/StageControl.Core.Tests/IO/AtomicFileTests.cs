// AtomicFile: a reader sees the old file or the new one, never part of one, and a failed write leaves no temporary file.
using System.Text;
using StageControl.Core.IO;

namespace StageControl.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stagecontrol-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteAllText_ExistingFile_ReplacedWholeNoTempLeft()
    {
        // Arrange
        var path = Path.Combine(_dir, "state.json");
        File.WriteAllText(path, "old");

        // Act
        AtomicFile.WriteAllText(path, "{\"new\": true}");

        // Assert
        Assert.Equal("{\"new\": true}", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void Write_WriterFailsHalfway_TargetUnchangedAndTempRemoved()
    {
        // Arrange
        var path = Path.Combine(_dir, "calibration.json");
        File.WriteAllText(path, "the old, complete file");

        // Act: the writer puts half of the new content down, then fails (a crash mid-write, as far as the target knows).
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("{\"cameras\": {\"A-cam\": "));
            throw new IOException("disk full");
        }));

        // Assert
        Assert.Equal("disk full", e.Message);
        Assert.Equal("the old, complete file", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void Write_TargetIsADirectory_FailsAtTheRenameAndRemovesTheTemp()
    {
        // Arrange: the temporary file can be written in full, but it cannot replace a directory.
        var path = Path.Combine(_dir, "operator.json");
        Directory.CreateDirectory(path);

        // Act
        var e = Record.Exception(() => AtomicFile.WriteAllText(path, "{}"));

        // Assert
        Assert.True(e is IOException or UnauthorizedAccessException, e?.ToString());
        Assert.Empty(Directory.GetFiles(_dir));
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void WriteAllText_WithMode_NewFileHasThatMode()
    {
        // Arrange
        var path = Path.Combine(_dir, "secret");

        // Act
        AtomicFile.WriteAllText(path, "s3cret", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // Assert
        Assert.Equal("s3cret", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Theory]
    [InlineData(".calibration.json.1234.0123456789abcdef.tmp", true)]
    [InlineData("calibration.json", false)]
    [InlineData(".hidden", false)]
    public void IsTempFile_Names_RecognisesOnlyTemporaryFiles(string name, bool expected)
    {
        // Act / Assert
        Assert.Equal(expected, AtomicFile.IsTempFile(name));
    }
}
