namespace StageControl.Render.Output;

/// <summary>A decoded image (<see cref="PngDecoder"/> or <see cref="JpegDecoder"/>): RGBA8 pixels, top row first.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Rgba">Width × height × 4 bytes, top row first.</param>
public sealed record PngImage(int Width, int Height, byte[] Rgba);
