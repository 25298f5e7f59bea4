// When the node may send its next live panel preview (pure: timestamps in, decisions out).
namespace StageControl.Node.Internal;

/// <summary>
/// Paces live previews round-robin across a node's panels with two bounds:
/// <list type="bullet">
/// <item>each panel at most once per <c>interval</c>: previews are spaced by at least interval / panel count, and the
/// cursor visits every panel once per cycle;</item>
/// <item>at most <c>bytesPerSecond</c> on the session on average: after a preview of B bytes the next waits at least
/// B / bytesPerSecond seconds.</item>
/// </list>
/// When the budget is the tighter bound (many or busy panels), each panel's preview simply comes round less often
/// (panels × typical size / budget seconds). One preview is in flight at a time: <see cref="TryTake"/> refuses until
/// <see cref="Sent"/> or <see cref="Failed"/> reports how it went.
/// </summary>
internal sealed class PreviewPacer
{
    private readonly long _intervalTicks;
    private readonly long _bytesPerSecond;
    private readonly long _frequency;
    private long _nextDue = long.MinValue;
    private int _cursor;
    private bool _inFlight;

    /// <param name="interval">Shortest time between two previews of the same panel.</param>
    /// <param name="bytesPerSecond">Average byte budget of the previews.</param>
    /// <param name="frequency">Timestamp ticks per second (<see cref="System.Diagnostics.Stopwatch.Frequency"/>).</param>
    public PreviewPacer(TimeSpan interval, long bytesPerSecond, long frequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequency, 1);
        _intervalTicks = (long)(interval.TotalSeconds * frequency);
        _bytesPerSecond = bytesPerSecond;
        _frequency = frequency;
    }

    /// <summary>The panel (index into the renderer's panels) whose preview is due at <paramref name="now"/>, if any.</summary>
    public bool TryTake(long now, int panelCount, out int panel)
    {
        panel = -1;
        if (_inFlight || panelCount <= 0 || now < _nextDue)
        {
            return false;
        }

        panel = _cursor % panelCount;
        _cursor = (panel + 1) % panelCount;
        _inFlight = true;
        return true;
    }

    /// <summary>The preview taken last went out with <paramref name="bytes"/> bytes at <paramref name="now"/>.</summary>
    public void Sent(long now, int bytes, int panelCount)
    {
        var spacing = _intervalTicks / Math.Max(1, panelCount);
        var budget = (long)((double)bytes * _frequency / _bytesPerSecond);
        _nextDue = now + Math.Max(spacing, budget);
        _inFlight = false;
    }

    /// <summary>The preview taken last was not sent; try again after the per-panel spacing.</summary>
    public void Failed(long now, int panelCount)
    {
        _nextDue = now + (_intervalTicks / Math.Max(1, panelCount));
        _inFlight = false;
    }
}
