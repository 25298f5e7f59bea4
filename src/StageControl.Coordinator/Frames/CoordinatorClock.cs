using StageControl.Core.Timing;

namespace StageControl.Coordinator.Frames;

/// <summary>
/// The coordinator's two timescales tied together: the shared Unix-nanosecond timescale of the
/// <see cref="FrameClock"/> (frame boundaries, epochs) and the monotonic timestamps of a <see cref="TimeProvider"/>
/// (Stopwatch ticks for the system provider: the unit of tracking arrival stamps and of the frame loop's pacing).
/// The mapping is anchored once, at construction, so it never jumps when the wall clock is stepped.
/// </summary>
internal sealed class CoordinatorClock
{
    private readonly long _anchorUnixNs;
    private readonly long _anchorTimestamp;
    private readonly long _frequency;

    /// <summary>A clock over <paramref name="time"/> with <paramref name="frames"/> as the frame clock.</summary>
    public CoordinatorClock(TimeProvider time, FrameClock frames)
    {
        Time = time;
        Frames = frames;
        _frequency = time.TimestampFrequency;
        _anchorTimestamp = time.GetTimestamp();
        _anchorUnixNs = ToUnixNs(time.GetUtcNow());
    }

    /// <summary>The time source.</summary>
    public TimeProvider Time { get; }

    /// <summary>The frame clock (epoch settable).</summary>
    public FrameClock Frames { get; }

    /// <summary>Monotonic timestamps per second.</summary>
    public long Frequency => _frequency;

    /// <summary>Now, Unix ns.</summary>
    public long UnixNow() => UnixAt(Time.GetTimestamp());

    /// <summary>The Unix ns instant of a monotonic timestamp.</summary>
    public long UnixAt(long timestamp) => _anchorUnixNs + (long)((Int128)(timestamp - _anchorTimestamp) * FrameClock.NanosecondsPerSecond / _frequency);

    /// <summary>The monotonic timestamp of a Unix ns instant.</summary>
    public long TimestampAt(long unixNs) => _anchorTimestamp + (long)((Int128)(unixNs - _anchorUnixNs) * _frequency / FrameClock.NanosecondsPerSecond);

    /// <summary>The next frame boundary strictly after now: the frame a node joining now starts with.</summary>
    public long NextFrame() => Frames.FrameIndexAt(UnixNow()) + 1;

    /// <summary>Nanoseconds of a timestamp difference.</summary>
    public long ToNs(long timestampDelta) => (long)((Int128)timestampDelta * FrameClock.NanosecondsPerSecond / _frequency);

    /// <summary>Timestamp ticks of a duration.</summary>
    public long ToTicks(TimeSpan duration) => (long)((Int128)duration.Ticks * _frequency / TimeSpan.TicksPerSecond);

    /// <summary>A <see cref="DateTimeOffset"/> as Unix ns.</summary>
    public static long ToUnixNs(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
