namespace StageControl.Core.Stage;

/// <summary>A tracked camera.</summary>
/// <param name="Name">Unique camera name.</param>
/// <param name="Tracking">Its tracking source.</param>
/// <param name="Sensor">Its sensor.</param>
/// <param name="Lens">Its lens.</param>
public sealed record CameraConfig(string Name, TrackingSource Tracking, CameraSensor Sensor, CameraLens Lens);
