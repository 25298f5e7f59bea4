using System.Numerics;
using StageControl.Core.Geometry;
using StageControl.Render.Scenes;

namespace StageControl.Render.Tests;

/// <summary>Flat-colour test content: unlit cubes on a black background.</summary>
internal static class TestScenes
{
    /// <summary>Unlit cubes of one size at the given centres and colours.</summary>
    public static StaticScene Markers(double size, params (Vec3 Center, Vector4 Color)[] markers)
    {
        var meshes = new List<SceneMesh> { MeshFactory.Cube(SceneMaterial.Unlit(1, 1, 1)) };
        var nodes = new SceneNode[markers.Length];
        for (var i = 0; i < markers.Length; i++)
        {
            var c = markers[i].Center;
            nodes[i] = new SceneNode(0, Matrix4x4.CreateScale((float)size) * Matrix4x4.CreateTranslation((float)c.X, (float)c.Y, (float)c.Z), true, markers[i].Color);
        }

        return new StaticScene(new SceneContent(meshes, nodes, -Vector3.UnitY));
    }

    /// <summary>One big unlit box of a flat colour filling everything around the stage (an "everything is this colour" scene).</summary>
    public static StaticScene Surround(Vector4 color)
    {
        var meshes = new List<SceneMesh> { MeshFactory.Cube(SceneMaterial.Unlit(1, 1, 1)) };
        return new StaticScene(new SceneContent(meshes, [new SceneNode(0, Matrix4x4.CreateScale(200), true, color)], -Vector3.UnitY));
    }

    public static readonly Vector4 Red = new(1, 0, 0, 1);
    public static readonly Vector4 Green = new(0, 1, 0, 1);
    public static readonly Vector4 Blue = new(0, 0, 1, 1);
    public static readonly Vector4 White = new(1, 1, 1, 1);
}
