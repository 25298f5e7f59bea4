// A settable TimeProvider for tests (Microsoft.Extensions.TimeProvider.Testing is not served here; shared/STYLE.md
// "Tests"): UTC now and the monotonic timestamp move only when the test advances them. Timers are the system's.
namespace StageControl.Tests.Shared;

/// <summary>Time that stands still until <see cref="Advance"/> moves it. Timestamps are in 100 ns ticks.</summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now;
    private long _timestamp;

    /// <summary>Time starting at <paramref name="start"/> (default 2025-01-01T00:00:00Z), timestamp 1 000 000.</summary>
    public FakeTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _timestamp = 1_000_000;
    }

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _timestamp;
        }
    }

    /// <summary>Moves both clocks forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            _now += delta;
            _timestamp += delta.Ticks;
        }
    }
}
