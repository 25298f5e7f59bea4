namespace StageControl.Tracking.CameraState;

/// <summary>How a <see cref="CameraPose"/> was obtained from the sample history.</summary>
public enum CameraPoseState
{
    /// <summary>No sample has arrived yet; the pose is the identity at the origin.</summary>
    NoData = 0,

    /// <summary>Interpolated between the two samples bracketing the evaluation time (or exactly one sample's time).</summary>
    Interpolated = 1,

    /// <summary>Predicted beyond the newest sample at constant velocity, within the prediction horizon.</summary>
    Predicted = 2,

    /// <summary>Held: the evaluation time is before the oldest kept sample, only one sample is known, or it is beyond
    /// the prediction horizon (the pose stays where the bounded prediction ends).</summary>
    Held = 3,

    /// <summary>The source has been silent for longer than the staleness limit; the newest pose is held.</summary>
    Stale = 4,
}
