// One `stagectl node` child process of `stagectl demo`: started, logged to a file, watched, stopped by its PID only.
using System.Diagnostics;
using System.Text;

namespace StageControl.Cli.Internal;

/// <summary>
/// A render-node child process. Its stdout and stderr go to <c>LOG</c> (both, line by line) and the last
/// <see cref="TailLines"/> stderr lines are kept for the report when it dies; a callback gets the exit code once.
/// Only this process is ever signalled or killed, by its own PID (never a process tree or a name).
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    /// <summary>Stderr lines kept for a death report.</summary>
    public const int TailLines = 8;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _stderrTail = new();
    private readonly Queue<string> _outputTail = new();
    private readonly Lock _gate = new();
    private readonly Action<NodeProcess, int> _onExited;
    private int _exitReported;

    private NodeProcess(string name, Process process, StreamWriter log, Action<NodeProcess, int> onExited)
    {
        Name = name;
        _process = process;
        _log = log;
        _onExited = onExited;
    }

    /// <summary>The node's name in the stage config.</summary>
    public string Name { get; }

    /// <summary>The child's process id.</summary>
    public int Pid { get; private set; }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (after <see cref="HasExited"/>).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>stagectl ARGS</c> as node <paramref name="name"/>, logging to <paramref name="logPath"/>;
    /// <paramref name="onExited"/> is called once with the exit code when it ends (on a thread-pool thread, after its
    /// output is drained).</summary>
    public static NodeProcess Start(string name, IEnumerable<string> args, string logPath, Action<NodeProcess, int> onExited)
    {
        var info = StagectlLauncher.StartInfo(args);
        info.StandardOutputEncoding = Encoding.UTF8;
        info.StandardErrorEncoding = Encoding.UTF8;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process, log, onExited);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data, stderr: false);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data, stderr: true);
        process.Exited += (_, _) => node.OnExited();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            node.Dispose();
            throw new CliInputException($"cannot start {info.FileName} for node {name}: {e.Message}");
        }

        node.Pid = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The last stderr lines (at most <see cref="TailLines"/>).</summary>
    public IReadOnlyList<string> StderrTail()
    {
        lock (_gate)
        {
            return [.. _stderrTail];
        }
    }

    /// <summary>The last lines of stdout and stderr together (at most <see cref="TailLines"/>).</summary>
    public IReadOnlyList<string> OutputTail()
    {
        lock (_gate)
        {
            return [.. _outputTail];
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to end; true when it has.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        // The parameterless wait returns once the redirected output has been read to its end.
        _process.WaitForExit();
        return true;
    }

    /// <summary>Kills this one process (SIGKILL) when it is still running; false when it had already ended.</summary>
    public bool Kill()
    {
        try
        {
            if (_process.HasExited)
            {
                return false;
            }

            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void OnLine(string? line, bool stderr)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after Dispose is dropped.
            }

            Keep(_outputTail, line);
            if (stderr)
            {
                Keep(_stderrTail, line);
            }
        }
    }

    private static void Keep(Queue<string> tail, string line)
    {
        tail.Enqueue(line);
        while (tail.Count > TailLines)
        {
            tail.Dequeue();
        }
    }

    private void OnExited()
    {
        if (Interlocked.Exchange(ref _exitReported, 1) != 0)
        {
            return;
        }

        int code;
        try
        {
            // Drain the redirected output so the stderr tail is complete.
            _process.WaitForExit();
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return;
        }

        _onExited(this, code);
    }
}
