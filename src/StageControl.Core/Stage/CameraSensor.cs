namespace StageControl.Core.Stage;

/// <summary>The active sensor area of a camera, in millimetres.</summary>
/// <param name="WidthMm">Width.</param>
/// <param name="HeightMm">Height.</param>
public sealed record CameraSensor(double WidthMm, double HeightMm);
