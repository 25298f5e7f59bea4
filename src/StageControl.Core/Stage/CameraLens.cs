namespace StageControl.Core.Stage;

/// <summary>The lens of a camera: nominal focal length and entrance-pupil offset (metres along the optical axis
/// from the tracked point; positive is forward).</summary>
/// <param name="FocalLengthMm">Focal length.</param>
/// <param name="EntrancePupilOffsetM">Entrance-pupil offset.</param>
public sealed record CameraLens(double FocalLengthMm, double EntrancePupilOffsetM);
