namespace StageControl.Render.Scenes;

/// <summary>Simple meshes for procedural scenes.</summary>
public static class MeshFactory
{
    /// <summary>
    /// A unit cube centred on the origin (−0.5..0.5 on every axis): 24 vertices with outward normals and per-face texture
    /// coordinates, 36 indices, counter-clockwise seen from outside.
    /// </summary>
    public static SceneMesh Cube(SceneMaterial material)
    {
        // Each face: outward normal n, and two in-plane axes u, v with u × v = n (so the winding is CCW from outside).
        ReadOnlySpan<float> faces =
        [
            // n            u            v
            1, 0, 0,      0, 0, -1,    0, 1, 0,
            -1, 0, 0,     0, 0, 1,     0, 1, 0,
            0, 1, 0,      1, 0, 0,     0, 0, -1,
            0, -1, 0,     1, 0, 0,     0, 0, 1,
            0, 0, 1,      1, 0, 0,     0, 1, 0,
            0, 0, -1,     -1, 0, 0,    0, 1, 0,
        ];
        var positions = new float[24 * 3];
        var normals = new float[24 * 3];
        var uvs = new float[24 * 2];
        var indices = new uint[36];
        for (var f = 0; f < 6; f++)
        {
            var n = faces.Slice(f * 9, 3);
            var u = faces.Slice((f * 9) + 3, 3);
            var v = faces.Slice((f * 9) + 6, 3);
            for (var c = 0; c < 4; c++)
            {
                float su = c is 1 or 2 ? 0.5f : -0.5f;
                float sv = c >= 2 ? 0.5f : -0.5f;
                var k = (f * 4) + c;
                for (var a = 0; a < 3; a++)
                {
                    positions[(k * 3) + a] = (n[a] * 0.5f) + (u[a] * su) + (v[a] * sv);
                    normals[(k * 3) + a] = n[a];
                }

                uvs[k * 2] = su + 0.5f;
                uvs[(k * 2) + 1] = 0.5f - sv;
            }

            var b = (uint)(f * 4);
            indices[f * 6] = b;
            indices[(f * 6) + 1] = b + 1;
            indices[(f * 6) + 2] = b + 2;
            indices[(f * 6) + 3] = b;
            indices[(f * 6) + 4] = b + 2;
            indices[(f * 6) + 5] = b + 3;
        }

        return new SceneMesh(positions, normals, uvs, indices, material);
    }

    /// <summary>A unit square in the XZ plane (−0.5..0.5), normal +Y, for floors.</summary>
    public static SceneMesh FloorQuad(SceneMaterial material) => new(
        [-0.5f, 0, 0.5f, 0.5f, 0, 0.5f, 0.5f, 0, -0.5f, -0.5f, 0, -0.5f],
        [0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0],
        [0, 1, 1, 1, 1, 0, 0, 0],
        [0, 1, 2, 0, 2, 3],
        material);
}
