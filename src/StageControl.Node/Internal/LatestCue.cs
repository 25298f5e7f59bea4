using StageControl.Protos.V1;

namespace StageControl.Node.Internal;

/// <summary>
/// A one-slot mailbox between the session reader and the render loop (shared/DESIGN.md "The frame cycle": latest
/// wins): a cue posted while another is waiting replaces it, and the replaced one counts as skipped.
/// </summary>
internal sealed class LatestCue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _available = new(0, 1);
    private FrameCue? _cue;
    private long _arrival;

    /// <summary>Stores <paramref name="cue"/> (arrived at Stopwatch <paramref name="arrival"/>); true when it replaced
    /// a cue that was never taken.</summary>
    public bool Post(FrameCue cue, long arrival)
    {
        bool replaced;
        lock (_gate)
        {
            replaced = _cue is not null;
            _cue = cue;
            _arrival = arrival;
        }

        if (!replaced)
        {
            _available.Release();
        }

        return replaced;
    }

    /// <summary>Waits for a cue and takes the newest.</summary>
    public async ValueTask<(FrameCue Cue, long Arrival)> TakeAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var cue = _cue!;
            _cue = null;
            return (cue, _arrival);
        }
    }

    public void Dispose() => _available.Dispose();
}
