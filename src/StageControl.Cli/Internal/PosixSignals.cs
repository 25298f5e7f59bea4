// Signals to one process by PID (stagectl demo's node children): SIGTERM asks a node to stop cleanly.
using System.Runtime.InteropServices;

namespace StageControl.Cli.Internal;

/// <summary><c>kill(2)</c> for a single PID; never a process group (a PID ≤ 0 is refused).</summary>
internal static class PosixSignals
{
    private const int Sigterm = 15;

    /// <summary>Sends SIGTERM to <paramref name="pid"/>; false when it failed (e.g. the process is gone), the PID is not a
    /// single process, or the platform has no POSIX signals.</summary>
    public static bool Terminate(int pid) =>
        pid > 0 && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Native.Kill(pid, Sigterm) == 0;

    /// <summary>libc imports. Plain DllImport with blittable arguments: LibraryImport would need unsafe code in this
    /// assembly for one call.</summary>
    private static class Native
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);
    }
}
