using System.Diagnostics;

namespace StageControl.Tracking.CameraState;

/// <summary>Settings of one <see cref="CameraState"/>. Times are <see cref="Stopwatch"/> ticks unless named otherwise.
/// Immutable: a change is a copy (<c>options with { Registration = … }</c>) handed to <see cref="CameraState.Reconfigure"/>.</summary>
public sealed record CameraStateOptions
{
    /// <summary>Ring capacity in samples (default 64: half a second at 120 Hz).</summary>
    public int Capacity { get; init; } = 64;

    /// <summary>Per-source delay δ: t_eval = t − δ (math.md §7.1).</summary>
    public TrackingDelay Delay { get; init; } = TrackingDelay.None;

    /// <summary>Prediction horizon beyond the newest sample (default 50 ms); past it the pose is held.</summary>
    public long MaxPredictionTicks { get; init; } = Stopwatch.Frequency / 20;

    /// <summary>Silence after which the state is <see cref="CameraPoseState.Stale"/> (default 250 ms), measured from
    /// the newest sample's arrival to the display time.</summary>
    public long StaleAfterTicks { get; init; } = Stopwatch.Frequency / 4;

    /// <summary>Optional One Euro smoothing applied on arrival (null = off).</summary>
    public OneEuroSettings? Filter { get; init; }

    /// <summary>Tracker → stage registration hook.</summary>
    public StageRegistration Registration { get; init; } = StageRegistration.Identity;

    /// <summary>Optional lens calibration hook (null = use the sample's own lens values).</summary>
    public ILensCalibration? Lens { get; init; }
}
