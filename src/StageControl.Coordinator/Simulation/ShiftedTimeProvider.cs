namespace StageControl.Coordinator.Simulation;

/// <summary>
/// A clock that is off by a fixed amount: wall time (<see cref="GetUtcNow"/>) is the inner provider's plus
/// <see cref="Offset"/>; monotonic timestamps and timers are the inner provider's. Stands in for a remote site whose
/// clock disagrees with this one (federation tests, <c>stagectl bench federation</c>, <c>--clock-offset</c>).
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;

    /// <summary>The system clock shifted by <paramref name="offset"/> (or <paramref name="inner"/>'s).</summary>
    public ShiftedTimeProvider(TimeSpan offset, TimeProvider? inner = null)
    {
        Offset = offset;
        _inner = inner ?? System;
    }

    /// <summary>How far this clock is ahead of the inner one.</summary>
    public TimeSpan Offset { get; }

    /// <inheritdoc/>
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + Offset;

    /// <inheritdoc/>
    public override long GetTimestamp() => _inner.GetTimestamp();

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _inner.CreateTimer(callback, state, dueTime, period);
}
