namespace StageControl.Cli.Internal;

/// <summary>
/// Cancellation for a long-running command: fires after an optional duration or on Ctrl-C
/// (<see cref="Console.CancelKeyPress"/> is turned into cancellation so the command can finish its file/summary and
/// exit 0). Dispose unhooks the handler.
/// </summary>
internal sealed class CancelScope : IDisposable
{
    private readonly CancellationTokenSource _cts = new();

    public CancelScope(TimeSpan? duration)
    {
        if (duration is { } d)
        {
            _cts.CancelAfter(d);
        }

        Console.CancelKeyPress += OnCancelKeyPress;
    }

    /// <summary>Cancelled at the end of the duration or on Ctrl-C.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>True once Ctrl-C was pressed.</summary>
    public bool Interrupted { get; private set; }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _cts.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        // Keep the process alive: the command ends its loop, completes its output and exits 0.
        e.Cancel = true;
        Interrupted = true;
        _cts.Cancel();
    }
}
