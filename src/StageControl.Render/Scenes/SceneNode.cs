using System.Numerics;

namespace StageControl.Render.Scenes;

/// <summary>
/// One drawn instance of a mesh: its model → stage transform in System.Numerics form (row vectors, v·M; see
/// shared/notes/math.md §1), whether it is drawn, and a colour multiplied with the material's base colour.
/// </summary>
/// <param name="Mesh">Index into <see cref="SceneContent.Meshes"/>.</param>
/// <param name="World">Model → stage.</param>
/// <param name="Visible">Drawn or not this frame.</param>
/// <param name="Color">Multiplier of the base colour (white = unchanged).</param>
public record struct SceneNode(int Mesh, Matrix4x4 World, bool Visible, Vector4 Color)
{
    /// <summary>A visible node with no tint.</summary>
    public static SceneNode Of(int mesh, Matrix4x4 world) => new(mesh, world, true, Vector4.One);
}
