using System.Diagnostics;
using StageControl.Core.Timing;

namespace StageControl.Tracking.CameraState;

/// <summary>
/// A per-source delay offset δ (math.md §7.1: t_eval = t − δ), given in milliseconds or in frames of a
/// <see cref="FrameRate"/>; kept as <see cref="Stopwatch"/> ticks. Negative delays are allowed (they look ahead).
/// </summary>
public readonly record struct TrackingDelay
{
    private TrackingDelay(long ticks) => Ticks = ticks;

    /// <summary>No delay.</summary>
    public static TrackingDelay None => default;

    /// <summary>The delay in <see cref="Stopwatch"/> ticks.</summary>
    public long Ticks { get; }

    /// <summary>The delay in milliseconds.</summary>
    public double Milliseconds => Ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>A delay of <paramref name="milliseconds"/> ms, rounded to the nearest tick.</summary>
    public static TrackingDelay FromMilliseconds(double milliseconds) =>
        new((long)Math.Round(milliseconds * Stopwatch.Frequency / 1000.0, MidpointRounding.AwayFromZero));

    /// <summary>A delay of <paramref name="frames"/> frames at <paramref name="rate"/> (fractional frames allowed,
    /// e.g. Unreal's suggested 1.5-frame margin, math.md §7.1), rounded to the nearest tick.</summary>
    public static TrackingDelay FromFrames(double frames, FrameRate rate) =>
        new((long)Math.Round(frames * rate.Denominator * Stopwatch.Frequency / rate.Numerator, MidpointRounding.AwayFromZero));
}
