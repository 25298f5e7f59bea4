namespace StageControl.Core.Stage;

/// <summary>What one render node drives: panel count and pixel total.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Panels">Panels driven.</param>
/// <param name="Pixels">Pixels driven.</param>
public sealed record NodeLoad(string Name, int Panels, long Pixels);
