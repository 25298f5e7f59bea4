using StageControl.Core.Geometry;

namespace StageControl.Tracking.CameraState;

/// <summary>
/// A camera evaluated at one display time: stage space <b>after</b> registration (metres, +Y up, camera looking down
/// −Z), lens values after the lens calibration.
/// </summary>
/// <param name="EvaluationTimestamp">t_eval = display time − delay, <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
/// <param name="Position">Tracked point (sensor / tracker mount) after registration, metres.</param>
/// <param name="Orientation">Camera orientation after registration (q' = R ⊗ q).</param>
/// <param name="FocalLengthMm">Focal length in mm, or NaN when neither the source nor the lens calibration says.</param>
/// <param name="EntrancePupilOffsetM">Entrance-pupil offset along the view axis, metres, positive toward the subject
/// (math.md §9.2); 0 when unknown.</param>
/// <param name="PupilPosition">The eye for Kooima: Position + q' ⊗ (0, 0, −e) ⊗ q'* (math.md §9.2).</param>
/// <param name="FocusDistanceM">Focus distance in metres, or NaN.</param>
/// <param name="ZoomRaw">Raw zoom encoder count (interpolated, rounded), or −1.</param>
/// <param name="FocusRaw">Raw focus encoder count (interpolated, rounded), or −1.</param>
/// <param name="State">How the pose was obtained.</param>
public readonly record struct CameraPose(
    long EvaluationTimestamp,
    Vec3 Position,
    Quat Orientation,
    double FocalLengthMm,
    double EntrancePupilOffsetM,
    Vec3 PupilPosition,
    double FocusDistanceM,
    int ZoomRaw,
    int FocusRaw,
    CameraPoseState State);
