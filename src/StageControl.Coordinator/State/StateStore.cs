using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StageControl.Coordinator.Calibration;
using StageControl.Coordinator.Operator;
using StageControl.Coordinator.Telemetry;
using StageControl.Core.IO;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.State;

/// <summary>
/// The coordinator's persisted state (shared/DESIGN.md "stage model + calibration store (persisted)"): calibration.json
/// and operator.json in one directory (<see cref="StateFiles"/> has the format).
/// <para>
/// Start: <see cref="Open"/> reads both files and puts them in force. A missing file means defaults; a file that cannot
/// be read or used stops the start (<see cref="CoordinatorStartException"/> naming the file, the JSON path and the
/// problem): running on identity calibration would put the inner frustum in the wrong place. A camera in the file that
/// is not in the stage config is a warning and stays in the file. A freeze is not restored (the frozen pose belonged
/// to the previous run), nor an active camera the stage no longer has (warnings).
/// </para>
/// <para>
/// Writes: after each accepted change, off the frame loop, on this store's own task: a change marks its file dirty and
/// wakes the task, which waits <see cref="CoalesceDelay"/> so a burst becomes one write, then writes the newest state
/// with <see cref="AtomicFile"/> (temporary file in the directory, flushed to disk, renamed). A failed write is logged,
/// counted (<c>stagecontrol.coordinator.state.write_failures</c>) and retried with backoff (up to
/// <see cref="MaxRetryDelay"/>); the in-memory state is never touched by a failure. <see cref="Dispose"/> writes what
/// is still pending.
/// </para>
/// </summary>
internal sealed class StateStore : IDisposable
{
    /// <summary>How long a change waits for more before it is written.</summary>
    public static readonly TimeSpan CoalesceDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>The first retry delay after a failed write (doubling up to <see cref="MaxRetryDelay"/>).</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest retry delay.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly Lock _writeGate = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly CalibrationStore _calibration;
    private readonly OperatorControls _operator;
    private readonly ILogger _logger;
    private readonly List<string> _warnings = [];
    private int _calibrationDirty;
    private int _operatorDirty;
    private long _writes;
    private long _failures;
    private string? _lastError;
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    private StateStore(string directory, CalibrationStore calibration, OperatorControls controls, ILogger logger)
    {
        Directory = directory;
        _calibration = calibration;
        _operator = controls;
        _logger = logger;
    }

    /// <summary>The state directory (absolute).</summary>
    public string Directory { get; }

    /// <summary>Path of calibration.json.</summary>
    public string CalibrationPath => Path.Combine(Directory, StateFiles.CalibrationFile);

    /// <summary>Path of operator.json.</summary>
    public string OperatorPath => Path.Combine(Directory, StateFiles.OperatorFile);

    /// <summary>What loading noticed but did not refuse (also logged as warnings).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Files written.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Writes that failed (each is retried).</summary>
    public long WriteFailures => Interlocked.Read(ref _failures);

    /// <summary>The newest write failure's message, or null once a write succeeded after it.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Whether some change is not on disk yet.</summary>
    public bool Pending => Volatile.Read(ref _calibrationDirty) != 0 || Volatile.Read(ref _operatorDirty) != 0;

    /// <summary>
    /// Creates <paramref name="directory"/> if needed, loads its files into <paramref name="calibration"/> and
    /// <paramref name="controls"/>, then saves every later change. Throws <see cref="CoordinatorStartException"/> when
    /// the directory cannot be made or a file cannot be used.
    /// </summary>
    public static StateStore Open(string directory, CalibrationStore calibration, OperatorControls controls, IReadOnlyList<string> cameras, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(cameras);
        var full = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CoordinatorStartException($"cannot use the state directory {full}: {e.Message} (choose another with --state-dir)", e);
        }

        var store = new StateStore(full, calibration, controls, logger);
        store.RemoveAbandonedWrites();
        store.Load(cameras);
        calibration.Changed += store.OnCalibrationChanged;
        controls.Changed += store.OnOperatorChanged;
        store._loop = Task.Run(store.RunAsync);
        return store;
    }

    /// <summary>Stops the writer and writes what is still pending (a failure is logged; the state was in memory only).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _calibration.Changed -= OnCalibrationChanged;
        _operator.Changed -= OnOperatorChanged;
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; anything else was logged by it.
        }

        WritePending();
        _stop.Dispose();
    }

    /// <summary>Deletes temporary files of writes that never finished (a coordinator killed mid-write): the state is
    /// in the files they were meant to replace.</summary>
    private void RemoveAbandonedWrites()
    {
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            var name = Path.GetFileName(path);
            if (AtomicFile.IsTempFile(name)
                && (name.StartsWith("." + StateFiles.CalibrationFile + ".", StringComparison.Ordinal) || name.StartsWith("." + StateFiles.OperatorFile + ".", StringComparison.Ordinal)))
            {
                try
                {
                    File.Delete(path);
                    Warn($"{path}: removed an unfinished write left by a coordinator that stopped mid-write");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Warn($"{path}: cannot remove an unfinished write: {e.Message}");
                }
            }
        }
    }

    private void Load(IReadOnlyList<string> cameras)
    {
        var records = Read(CalibrationPath, StateFiles.ParseCalibration);
        if (records is not null)
        {
            var known = new List<CameraCalibration>();
            var orphans = new List<CameraCalibration>();
            foreach (var record in records)
            {
                if (Contains(cameras, record.Camera))
                {
                    known.Add(record);
                }
                else
                {
                    orphans.Add(record);
                    Warn($"{CalibrationPath}: camera '{record.Camera}' is not in the stage config (it has {string.Join(", ", cameras)}); its calibration is kept in the file but not used");
                }
            }

            _calibration.Restore(known, orphans);
        }

        var state = Read(OperatorPath, StateFiles.ParseOperator);
        if (state is not null)
        {
            if (state.Freeze)
            {
                Warn($"{OperatorPath}: freeze was on; it is not restored (the frozen pose belonged to the previous run)");
                state.Freeze = false;
                state.FrozenAtFrame = 0;
            }

            // A linked site's camera ("site/camera") may come back with its link; a local camera must still exist.
            if (!Contains(cameras, state.ActiveCamera) && !state.ActiveCamera.Contains('/', StringComparison.Ordinal))
            {
                var fallback = _operator.Current.ActiveCamera;
                Warn($"{OperatorPath}: active camera '{state.ActiveCamera}' is not in the stage config; using '{fallback}'");
                state.ActiveCamera = fallback;
            }

            _operator.Restore(state);
        }
    }

    private static T? Read<T>(string path, Func<string, T> parse)
        where T : class
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CoordinatorStartException($"state file {path}: cannot be read: {e.Message} (fix it, or move it away to start from defaults)", e);
        }

        try
        {
            return parse(text);
        }
        catch (StateFileException e)
        {
            throw new CoordinatorStartException($"state file {path}: {e.JsonPath}: {e.Problem} (fix it, or move it away to start from defaults)", e);
        }
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (var n in names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void Warn(string text)
    {
        _warnings.Add(text);
        StateLog.Warn(_logger, text);
    }

    private void OnCalibrationChanged()
    {
        Volatile.Write(ref _calibrationDirty, 1);
        _wake.Writer.TryWrite(true);
    }

    private void OnOperatorChanged()
    {
        Volatile.Write(ref _operatorDirty, 1);
        _wake.Writer.TryWrite(true);
    }

    private async Task RunAsync()
    {
        var retry = TimeSpan.Zero;
        try
        {
            while (true)
            {
                if (retry == TimeSpan.Zero)
                {
                    await _wake.Reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                }

                await Task.Delay(retry == TimeSpan.Zero ? CoalesceDelay : retry, _stop.Token).ConfigureAwait(false);

                // Changes that came during the wait are in this write.
                _wake.Reader.TryRead(out _);
                retry = WritePending() ? TimeSpan.Zero
                    : retry == TimeSpan.Zero ? FirstRetryDelay
                    : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Dispose writes what is pending.
        }
    }

    /// <summary>Writes every dirty file; false when one failed (it stays dirty).</summary>
    private bool WritePending()
    {
        lock (_writeGate)
        {
            var ok = true;
            if (Interlocked.Exchange(ref _calibrationDirty, 0) != 0)
            {
                // Stage cameras first, then the ones kept from the file.
                ok &= TryWrite(CalibrationPath, StateFiles.FormatCalibration([.. _calibration.Records, .. _calibration.Orphans]), ref _calibrationDirty);
            }

            if (Interlocked.Exchange(ref _operatorDirty, 0) != 0)
            {
                ok &= TryWrite(OperatorPath, StateFiles.FormatOperator(_operator.Current), ref _operatorDirty);
            }

            return ok;
        }
    }

    private bool TryWrite(string path, byte[] bytes, ref int dirty)
    {
        try
        {
            AtomicFile.WriteAllBytes(path, bytes);
            Interlocked.Increment(ref _writes);
            CoordinatorTelemetry.StateWrites.Add(1);
            Volatile.Write(ref _lastError, null);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Still dirty: the next attempt writes the newest state (the in-memory state is untouched).
            Volatile.Write(ref dirty, 1);
            Interlocked.Increment(ref _failures);
            CoordinatorTelemetry.StateWriteFailures.Add(1);
            var message = $"cannot save {path}: {e.Message}; the change is in force but not saved yet, retrying";
            Volatile.Write(ref _lastError, message);
            StateLog.WriteFailed(_logger, message);
            return false;
        }
    }
}
