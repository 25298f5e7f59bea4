namespace StageControl.Core.ClockSync;

/// <summary>What <see cref="EpochSlew.Next"/> did.</summary>
public enum EpochAdjustment
{
    /// <summary>Already on target.</summary>
    None,

    /// <summary>Moved toward the target by at most the slew rate.</summary>
    Slewed,

    /// <summary>Jumped to the target (difference at least the step threshold).</summary>
    Stepped,
}
