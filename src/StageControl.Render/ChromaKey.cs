namespace StageControl.Render;

/// <summary>
/// Chroma-key fill of the inner frustum (common.proto <c>ChromaKey</c>): when enabled the inner frustum shows this flat
/// colour instead of the inner render (still with the soft edge). Components are 0..1.
/// </summary>
/// <param name="Enabled">Fill instead of rendering.</param>
/// <param name="Red">Red, 0..1.</param>
/// <param name="Green">Green, 0..1.</param>
/// <param name="Blue">Blue, 0..1.</param>
public readonly record struct ChromaKey(bool Enabled, float Red, float Green, float Blue)
{
    /// <summary>Keying off.</summary>
    public static ChromaKey Off => default;

    /// <summary>The usual green screen fill (0, 0.7, 0.25), enabled.</summary>
    public static ChromaKey GreenScreen => new(true, 0f, 0.7f, 0.25f);
}
