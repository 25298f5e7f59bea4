namespace StageControl.Core.IO;

/// <summary>
/// Writes a file so that readers see either the old or the new content, never a partial one: the bytes go to a
/// temporary file in the same directory (created with its final Unix mode when one is given, so a secret is never
/// readable by others, not even for a moment), are flushed to disk, and the temporary file is renamed over the target
/// (rename is atomic within one POSIX file system). On any failure the temporary file is removed and the target is left
/// as it was. Shared by the render outputs, the coordinator's state store and the CLI's secret and certificate files.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="path"/> atomically, creating its directory
    /// when needed. <paramref name="mode"/> is the new file's Unix mode (ignored on Windows, where the file inherits the
    /// directory's ACL); null leaves it to the process umask.</summary>
    public static void Write(string path, Action<Stream> write, UnixFileMode? mode = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = TempPathFor(full);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = unixMode;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes bytes to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, UnixFileMode? mode = null)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy), mode);
    }

    /// <summary>Writes text (UTF-8, no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string contents, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(contents), mode);
    }

    /// <summary>Whether <paramref name="fileName"/> is one of this class's temporary files (<c>.NAME.*.tmp</c>), e.g. one
    /// left behind by a process killed mid-write.</summary>
    public static bool IsTempFile(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal);
    }

    private static string TempPathFor(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
}
