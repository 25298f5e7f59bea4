namespace StageControl.Render.Scenes;

/// <summary>An RGBA8 image, rows top to bottom (as PNG stores them), used as a base-colour texture.</summary>
public sealed class SceneImage
{
    /// <summary>Wraps pixels; <paramref name="rgba"/> must hold width × height × 4 bytes.</summary>
    public SceneImage(int width, int height, byte[] rgba)
    {
        ArgumentNullException.ThrowIfNull(rgba);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException("The image needs width × height × 4 bytes.", nameof(rgba));
        }

        Width = width;
        Height = height;
        Rgba = rgba;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Pixels, RGBA8, top row first.</summary>
    public byte[] Rgba { get; }
}
