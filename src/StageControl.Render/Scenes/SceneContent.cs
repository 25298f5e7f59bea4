using System.Numerics;

namespace StageControl.Render.Scenes;

/// <summary>
/// What a scene draws: meshes (uploaded once) and nodes (instances, which <see cref="IScene.Update"/> may change in
/// place every frame), plus the direction the light travels (stage space, need not be unit length).
/// </summary>
public sealed class SceneContent
{
    /// <summary>Checks that every node names a mesh.</summary>
    public SceneContent(IReadOnlyList<SceneMesh> meshes, SceneNode[] nodes, Vector3 lightDirection)
    {
        ArgumentNullException.ThrowIfNull(meshes);
        ArgumentNullException.ThrowIfNull(nodes);
        for (var i = 0; i < nodes.Length; i++)
        {
            if ((uint)nodes[i].Mesh >= (uint)meshes.Count)
            {
                throw new ArgumentException($"Node {i} names mesh {nodes[i].Mesh}, but there are {meshes.Count} meshes.", nameof(nodes));
            }
        }

        if (!(lightDirection.LengthSquared() > 0))
        {
            throw new ArgumentException("The light direction must not be zero.", nameof(lightDirection));
        }

        Meshes = meshes;
        Nodes = nodes;
        LightDirection = Vector3.Normalize(lightDirection);
    }

    /// <summary>Meshes.</summary>
    public IReadOnlyList<SceneMesh> Meshes { get; }

    /// <summary>Instances, drawn in order; mutable so a scene can animate without allocating.</summary>
#pragma warning disable CA1819 // The array is the allocation-free animation surface.
    public SceneNode[] Nodes { get; }
#pragma warning restore CA1819

    /// <summary>Unit direction the light travels.</summary>
    public Vector3 LightDirection { get; }
}
