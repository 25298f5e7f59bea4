namespace StageControl.Core.ClockSync;

/// <summary>
/// D, the fixed presentation delay of remote content in frames (shared/notes/math.md §5): state stamped "for frame N"
/// is shown at frame N + D, with D·period ≥ one-way delay + jitter margin, so a late packet is the exception, not the
/// rule. <c>D = ceil((one-way delay + margin) / period)</c>, clamped to [min, max].
/// </summary>
public static class PresentationDelay
{
    /// <summary>D for a path of <paramref name="oneWayNs"/> with <paramref name="marginNs"/> of jitter margin, at a frame
    /// period of <paramref name="periodNumerator"/>/<paramref name="periodDenominator"/> ns (exact, as
    /// <c>FrameClock.ExactPeriodNs</c> gives it), clamped to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int Frames(long oneWayNs, long marginNs, long periodNumerator, long periodDenominator, int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodNumerator, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodDenominator, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        var total = Int128.Max(0, (Int128)oneWayNs + Math.Max(0, marginNs));

        // ceil(total / (num/den)) = ceil(total·den / num), exact.
        var scaled = total * periodDenominator;
        var frames = (scaled + periodNumerator - 1) / periodNumerator;
        return (int)Int128.Clamp(frames, min, max);
    }
}
