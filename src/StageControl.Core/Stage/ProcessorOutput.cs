namespace StageControl.Core.Stage;

/// <summary>One output port of an LED processor: the port a string of panels starts from.</summary>
/// <param name="Number">1-based output number.</param>
/// <param name="PixelCapacity">Most pixels the port carries at the stage's bit depth and rate.</param>
public sealed record ProcessorOutput(int Number, long PixelCapacity);
