using StageControl.Core.Geometry;

namespace StageControl.Tracking;

/// <summary>
/// One camera tracking sample in StageControl's internal form, whatever protocol it arrived on.
/// <para>
/// Conventions (shared/notes/math.md §1): <see cref="Position"/> is in <b>stage space before registration</b> — metres,
/// right-handed, +Y up — i.e. the tracker's Z-up vector (x, y, z) mapped to (x, z, −y). <see cref="Orientation"/>
/// rotates the camera frame into that space; the camera frame looks down −Z with +Y up and +X right, so the identity
/// is a level camera looking at tracker +Y (stage −Z). The stage registration and lens calibration are applied later,
/// by the camera state.
/// </para>
/// Unknown optional values are <see cref="double.NaN"/> (lens values) or −1 (raw encoder counts, sequence).
/// </summary>
/// <param name="ArrivalTimestamp">Arrival time of the datagram, <see cref="System.Diagnostics.Stopwatch"/> ticks, stamped in the I/O loop.</param>
/// <param name="CameraId">Camera/subject id within its source (FreeD camera byte, OpenTrackIO source number, OSC map id).</param>
/// <param name="Position">Tracked point, stage axes, metres (before registration).</param>
/// <param name="Orientation">Camera orientation, stage axes (before registration).</param>
/// <param name="FocalLengthMm">Pinhole focal length in mm, or NaN when the source does not say.</param>
/// <param name="FocusDistanceM">Focus distance in metres, or NaN.</param>
/// <param name="EntrancePupilOffsetM">Entrance-pupil offset along the optical axis in metres (math.md §9.2), or NaN.</param>
/// <param name="ZoomRaw">Raw zoom encoder count, or −1.</param>
/// <param name="FocusRaw">Raw focus encoder count, or −1.</param>
/// <param name="Sequence">Sender sequence number when the protocol has one (OpenTrackIO), else −1.</param>
public readonly record struct TrackingSample(
    long ArrivalTimestamp,
    int CameraId,
    Vec3 Position,
    Quat Orientation,
    double FocalLengthMm,
    double FocusDistanceM,
    double EntrancePupilOffsetM,
    int ZoomRaw,
    int FocusRaw,
    long Sequence);
