// The CLI's checks before writing a secret or certificate file; the write itself is Core.IO.AtomicFile (a temporary file
// beside the target, created with its final mode, flushed to disk, renamed over the target).
namespace StageControl.Cli.Internal;

/// <summary>Atomic file writes with a Unix mode, for the CLI's output options.</summary>
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
    /// (ignored on Windows, where the file inherits the directory's ACL): <see cref="Core.IO.AtomicFile"/>.</summary>
    public static void Write(string path, string contents, UnixFileMode mode) => Core.IO.AtomicFile.WriteAllText(path, contents, mode);
}
