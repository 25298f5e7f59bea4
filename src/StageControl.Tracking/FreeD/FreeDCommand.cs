namespace StageControl.Tracking.FreeD;

/// <summary>
/// A D0 poll/command message, host → unit: <c>D0 CA CD CK</c> (Vinten manual v1.4.4, App. A.3.1).
/// </summary>
/// <param name="CameraId">Addressed camera; 0xFF addresses any camera.</param>
/// <param name="Code">The command byte CD.</param>
public readonly record struct FreeDCommand(byte CameraId, FreeDCommandCode Code);
