using StageControl.Render.Scenes;

namespace StageControl.Render.Gl;

/// <summary>A <see cref="SceneMesh"/> uploaded to GL: one VAO with position/normal/texcoord buffers (locations 0, 1, 2),
/// optional 32-bit indices and an optional RGBA8 texture with mipmaps.</summary>
internal sealed unsafe class GlMesh : IDisposable
{
    private readonly GL _gl;
    private readonly uint _vao;
    private readonly uint[] _buffers;
    private readonly int _count;
    private readonly bool _indexed;

    public GlMesh(GL gl, SceneMesh mesh)
    {
        _gl = gl;
        Material = mesh.Material;
        _vao = gl.GenVertexArray();
        gl.BindVertexArray(_vao);
        var buffers = new List<uint>
        {
            Upload(gl, 0, 3, mesh.Positions),
            Upload(gl, 1, 3, mesh.Normals ?? ComputeNormals(mesh)),
        };
        if (mesh.TexCoords is { } uv)
        {
            buffers.Add(Upload(gl, 2, 2, uv));
        }

        if (mesh.Indices is { } indices)
        {
            var ebo = gl.GenBuffer();
            gl.BindBuffer(BufferTargetARB.ElementArrayBuffer, ebo);
            fixed (uint* p = indices)
            {
                gl.BufferData(BufferTargetARB.ElementArrayBuffer, (nuint)(indices.Length * sizeof(uint)), p, BufferUsageARB.StaticDraw);
            }

            buffers.Add(ebo);
            _count = indices.Length;
            _indexed = true;
        }
        else
        {
            _count = mesh.VertexCount;
        }

        gl.BindVertexArray(0);
        _buffers = [.. buffers];

        if (mesh.Material.Texture is { } image)
        {
            Texture = gl.GenTexture();
            gl.BindTexture(TextureTarget.Texture2D, Texture);
            gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
            fixed (byte* p = image.Rgba)
            {
                // Rows go up top row first, so texture t = 0 is the image's top row: glTF's (0, 0) is the top left.
                gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)image.Width, (uint)image.Height, 0,
                    PixelFormat.Rgba, PixelType.UnsignedByte, p);
            }

            gl.GenerateMipmap(TextureTarget.Texture2D);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)GLFilter.LinearMipmapLinear);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)GLFilter.Linear);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)GLFilter.Repeat);
            gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)GLFilter.Repeat);
            gl.BindTexture(TextureTarget.Texture2D, 0);
        }
    }

    public SceneMaterial Material { get; }

    /// <summary>The texture name, or 0.</summary>
    public uint Texture { get; }

    public void Draw()
    {
        _gl.BindVertexArray(_vao);
        if (_indexed)
        {
            _gl.DrawElements(PrimitiveType.Triangles, (uint)_count, DrawElementsType.UnsignedInt, null);
        }
        else
        {
            _gl.DrawArrays(PrimitiveType.Triangles, 0, (uint)_count);
        }
    }

    public void Dispose()
    {
        foreach (var b in _buffers)
        {
            _gl.DeleteBuffer(b);
        }

        _gl.DeleteVertexArray(_vao);
        if (Texture != 0)
        {
            _gl.DeleteTexture(Texture);
        }
    }

    private static uint Upload(GL gl, uint location, int components, float[] data)
    {
        var vbo = gl.GenBuffer();
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, vbo);
        fixed (float* p = data)
        {
            gl.BufferData(BufferTargetARB.ArrayBuffer, (nuint)(data.Length * sizeof(float)), p, BufferUsageARB.StaticDraw);
        }

        gl.VertexAttribPointer(location, components, VertexAttribPointerType.Float, false, (uint)(components * sizeof(float)), null);
        gl.EnableVertexAttribArray(location);
        return vbo;
    }

    /// <summary>Smooth normals: each vertex gets the sum of its triangles' area-weighted normals.</summary>
    private static float[] ComputeNormals(SceneMesh mesh)
    {
        var p = mesh.Positions;
        var n = new float[p.Length];
        var triangles = mesh.Indices?.Length / 3 ?? mesh.VertexCount / 3;
        for (var t = 0; t < triangles; t++)
        {
            var i0 = (int)(mesh.Indices?[t * 3] ?? (uint)(t * 3));
            var i1 = (int)(mesh.Indices?[(t * 3) + 1] ?? (uint)((t * 3) + 1));
            var i2 = (int)(mesh.Indices?[(t * 3) + 2] ?? (uint)((t * 3) + 2));
            var a = new System.Numerics.Vector3(p[i0 * 3], p[(i0 * 3) + 1], p[(i0 * 3) + 2]);
            var b = new System.Numerics.Vector3(p[i1 * 3], p[(i1 * 3) + 1], p[(i1 * 3) + 2]);
            var c = new System.Numerics.Vector3(p[i2 * 3], p[(i2 * 3) + 1], p[(i2 * 3) + 2]);
            var face = System.Numerics.Vector3.Cross(b - a, c - a);
            foreach (var i in (ReadOnlySpan<int>)[i0, i1, i2])
            {
                n[i * 3] += face.X;
                n[(i * 3) + 1] += face.Y;
                n[(i * 3) + 2] += face.Z;
            }
        }

        return n;
    }
}
