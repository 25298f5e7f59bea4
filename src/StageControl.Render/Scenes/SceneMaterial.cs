using System.Numerics;

namespace StageControl.Render.Scenes;

/// <summary>A mesh's material: base colour (linear 0..1, alpha ignored), optional base-colour texture, shading kind.</summary>
/// <param name="BaseColor">Base colour factor.</param>
/// <param name="Kind">Shading.</param>
/// <param name="Texture">Base-colour texture multiplied with <paramref name="BaseColor"/>, or null.</param>
public sealed record SceneMaterial(Vector4 BaseColor, SceneMaterialKind Kind = SceneMaterialKind.Lit, SceneImage? Texture = null)
{
    /// <summary>A lit material of one colour.</summary>
    public static SceneMaterial Lit(float red, float green, float blue) => new(new Vector4(red, green, blue, 1));

    /// <summary>An unlit (emissive) material of one colour.</summary>
    public static SceneMaterial Unlit(float red, float green, float blue) => new(new Vector4(red, green, blue, 1), SceneMaterialKind.Unlit);
}
