// Writes a file all at once: a temporary file beside the target (created with its final mode, so a secret is never
// readable by others, not even for a moment), flushed to disk, then renamed over the target. A reader sees the old
// file or the new one, never half of one.
using System.Security.Cryptography;

namespace StageControl.Cli.Internal;

/// <summary>Atomic file writes with a Unix mode.</summary>
internal static class AtomicFile
{
    /// <summary>Owner read/write only: secrets and private keys.</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read/write, everyone read: certificates.</summary>
    public const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Refuses (exit 1) when <paramref name="path"/> exists and <paramref name="force"/> is false.</summary>
    public static void EnsureWritable(string path, string option, bool force)
    {
        if (Directory.Exists(path))
        {
            throw new CliInputException($"{option}: {path} is a directory");
        }

        if (!force && File.Exists(path))
        {
            throw new CliInputException($"{option}: {path} already exists; pass --force to replace it");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new CliInputException($"{option}: the directory {directory} does not exist");
        }
    }

    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> atomically with <paramref name="mode"/>
    /// (ignored on Windows, where the file inherits the directory's ACL).</summary>
    public static void Write(string path, string contents, UnixFileMode mode)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)) + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(contents);
                writer.Flush();
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
}
