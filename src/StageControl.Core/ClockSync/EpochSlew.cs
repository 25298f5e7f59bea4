namespace StageControl.Core.ClockSync;

/// <summary>
/// How a site moves its frame epoch toward a target (the primary's epoch through the measured offset) without jumping
/// a local frame: a difference of at least the step threshold (about one frame) is stepped at once; a smaller one is
/// slewed, the epoch moving by at most <c>maxSlewNsPerSecond</c> per second of elapsed time (so a frame lengthens or
/// shortens by that fraction, never skips or repeats). The same policy as ntpd's step/slew threshold, in frames.
/// </summary>
public static class EpochSlew
{
    /// <summary>The epoch after <paramref name="elapsedNs"/> of discipline from <paramref name="currentNs"/> toward
    /// <paramref name="targetNs"/>; <paramref name="adjustment"/> says whether it stepped, slewed or stayed.</summary>
    public static long Next(long currentNs, long targetNs, long elapsedNs, long maxSlewNsPerSecond, long stepThresholdNs, out EpochAdjustment adjustment)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSlewNsPerSecond);
        var difference = (Int128)targetNs - currentNs;
        if (difference == 0)
        {
            adjustment = EpochAdjustment.None;
            return currentNs;
        }

        if (Int128.Abs(difference) >= stepThresholdNs)
        {
            adjustment = EpochAdjustment.Stepped;
            return targetNs;
        }

        var allowed = (Int128)maxSlewNsPerSecond * Math.Max(0, elapsedNs) / 1_000_000_000;
        adjustment = EpochAdjustment.Slewed;
        if (Int128.Abs(difference) <= allowed)
        {
            return targetNs;
        }

        return difference > 0 ? currentNs + (long)allowed : currentNs - (long)allowed;
    }
}
