// `stagectl node --exit-with-parent PID`: notices, by polling once a second, that a process has gone, so that a node
// started by `stagectl demo` does not outlive a demo that was killed with SIGKILL (which runs no clean-up of its own).
using System.Buffers.Text;
using System.Diagnostics;

namespace StageControl.Cli.Internal;

/// <summary>
/// Watches one process and fires <see cref="Gone"/> within about <see cref="PollInterval"/> of it disappearing. On
/// Linux it reads <c>/proc/PID/stat</c> into a reused buffer (one file handle per poll, nothing else allocated): the
/// process counts as gone when the file is missing, when its state is zombie (<c>Z</c>) or dead (<c>X</c>) — a parent
/// killed with SIGKILL stays a zombie until its own parent reaps it — or when its start time differs from the one seen
/// at the start (the PID was reused). Elsewhere it asks <see cref="Process.GetProcessById(int)"/>.
/// </summary>
internal sealed class ParentProcessWatch : IDisposable
{
    /// <summary>How often the process is looked at.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private const byte ByteCloseParen = (byte)')';
    private const byte ByteSpace = (byte)' ';

    // proc(5): after "pid (comm)" come the fields from 3 (state) on; starttime is field 22, the 20th of those.
    private const int StartTimeField = 22 - 3;

    private readonly int _pid;
    private readonly string _statPath;
    private readonly byte[] _buffer = new byte[1024];
    private readonly CancellationTokenSource _gone = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ulong _startTime;
    private readonly Task _polling;

    /// <summary>Starts watching <paramref name="pid"/>; when it is not running now, <see cref="Gone"/> fires at once.</summary>
    public ParentProcessWatch(int pid)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        _pid = pid;
        _statPath = "/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/stat";
        if (!IsAlive(out _startTime))
        {
            _gone.Cancel();
            _polling = Task.CompletedTask;
            return;
        }

        _polling = Task.Run(PollAsync, CancellationToken.None);
    }

    /// <summary>Cancelled once the process is gone.</summary>
    public CancellationToken Gone => _gone.Token;

    /// <summary>The process watched.</summary>
    public int Pid => _pid;

    /// <summary>Reads the state character and the start time (clock ticks since boot) from the text of
    /// <c>/proc/PID/stat</c>; false when the text is not in that shape.</summary>
    public static bool TryParseStat(ReadOnlySpan<byte> stat, out byte state, out ulong startTime)
    {
        state = 0;
        startTime = 0;

        // The command name may hold spaces and parentheses; it ends at the last ')'.
        var close = stat.LastIndexOf(ByteCloseParen);
        if (close < 0 || close + 2 >= stat.Length)
        {
            return false;
        }

        var rest = stat[(close + 2)..];
        state = rest[0];
        for (var field = 0; field < StartTimeField; field++)
        {
            var space = rest.IndexOf(ByteSpace);
            if (space < 0)
            {
                return false;
            }

            rest = rest[(space + 1)..];
        }

        return Utf8Parser.TryParse(rest, out startTime, out _);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        _polling.GetAwaiter().GetResult();
        _stop.Dispose();
        _gone.Dispose();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (!IsAlive(out var startTime) || startTime != _startTime)
                {
                    await _gone.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private bool IsAlive(out ulong startTime)
    {
        startTime = 0;
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = Process.GetProcessById(_pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        int read;
        try
        {
            using var handle = File.OpenHandle(_statPath);
            read = RandomAccess.Read(handle, _buffer, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // FileNotFoundException / DirectoryNotFoundException (both IOException): no such process.
            return false;
        }

        return TryParseStat(_buffer.AsSpan(0, read), out var state, out startTime) && state is not ((byte)'Z' or (byte)'X');
    }
}
