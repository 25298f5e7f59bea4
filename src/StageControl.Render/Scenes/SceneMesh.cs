namespace StageControl.Render.Scenes;

/// <summary>
/// Triangle geometry in its own model space: positions (x, y, z per vertex), optional normals and texture coordinates
/// (glTF convention: (0, 0) is the top-left of the image), optional indices (otherwise every three vertices form a
/// triangle), and a material. Uploaded once when a renderer starts.
/// </summary>
public sealed class SceneMesh
{
    /// <summary>Validates the arrays against each other.</summary>
    public SceneMesh(float[] positions, float[]? normals, float[]? texCoords, uint[]? indices, SceneMaterial material)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(material);
        if (positions.Length == 0 || positions.Length % 3 != 0)
        {
            throw new ArgumentException("Positions must be a non-empty list of x, y, z triples.", nameof(positions));
        }

        var vertices = positions.Length / 3;
        if (normals is not null && normals.Length != positions.Length)
        {
            throw new ArgumentException("Normals must have one x, y, z triple per vertex.", nameof(normals));
        }

        if (texCoords is not null && texCoords.Length != vertices * 2)
        {
            throw new ArgumentException("Texture coordinates must have one u, v pair per vertex.", nameof(texCoords));
        }

        if (indices is not null)
        {
            if (indices.Length % 3 != 0)
            {
                throw new ArgumentException("Indices must form whole triangles.", nameof(indices));
            }

            foreach (var i in indices)
            {
                if (i >= vertices)
                {
                    throw new ArgumentException($"Index {i} is beyond the {vertices} vertices.", nameof(indices));
                }
            }
        }
        else if (vertices % 3 != 0)
        {
            throw new ArgumentException("Without indices the vertex count must be a multiple of 3.", nameof(positions));
        }

        Positions = positions;
        Normals = normals;
        TexCoords = texCoords;
        Indices = indices;
        Material = material;
    }

    /// <summary>x, y, z per vertex.</summary>
    public float[] Positions { get; }

    /// <summary>x, y, z per vertex, or null (the renderer then shades as unlit-facing: normal toward the eye).</summary>
    public float[]? Normals { get; }

    /// <summary>u, v per vertex, or null.</summary>
    public float[]? TexCoords { get; }

    /// <summary>Triangle indices, or null.</summary>
    public uint[]? Indices { get; }

    /// <summary>The material.</summary>
    public SceneMaterial Material { get; }

    /// <summary>Vertices.</summary>
    public int VertexCount => Positions.Length / 3;
}
