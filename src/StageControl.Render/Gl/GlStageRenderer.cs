// The content code of the GL backend: draws a scene through a panel's projections into an FBO, composites the inner
// frustum, reads the pixels back (shared/notes/gl-headless.md §9 "GL implementation").
using System.Diagnostics;
using System.Numerics;
using StageControl.Render.Scenes;

namespace StageControl.Render.Gl;

/// <summary>
/// Owns the GL objects of one context: the scene and composite programs, the uploaded meshes and one
/// <see cref="GlRenderTarget"/> per panel size. Call only on the context's thread. <see cref="RenderPanel"/> allocates
/// nothing once a panel size has been seen.
/// </summary>
internal sealed unsafe class GlStageRenderer : IDisposable
{
    private readonly GL _gl;
    private readonly SceneContent _content;
    private readonly GlMesh[] _meshes;
    private readonly Dictionary<long, GlRenderTarget> _targets = [];
    private readonly uint _sceneProgram;
    private readonly uint _compositeProgram;
    private readonly uint _emptyVao;

    // Scene program uniforms.
    private readonly int _uViewProjection;
    private readonly int _uModel;
    private readonly int _uKind;
    private readonly int _uColor;
    private readonly int _uHasTexture;
    private readonly int _uTexture;
    private readonly int _uEye;
    private readonly int _uLight;

    // Composite program uniforms.
    private readonly int _uInner;
    private readonly int _uSize;
    private readonly int _uCorner;
    private readonly int _uEdgeU;
    private readonly int _uEdgeV;
    private readonly int _uCamera;
    private readonly int _uSoftEdge;
    private readonly int _uChroma;
    private readonly int _uChromaColor;

    public GlStageRenderer(GL gl, SceneContent content)
    {
        _gl = gl;
        _content = content;
        _sceneProgram = GlShaders.Build(gl, "scene", GlShaders.SceneVertex, GlShaders.SceneFragment);
        _compositeProgram = GlShaders.Build(gl, "composite", GlShaders.CompositeVertex, GlShaders.CompositeFragment);
        _uViewProjection = gl.GetUniformLocation(_sceneProgram, "uViewProjection");
        _uModel = gl.GetUniformLocation(_sceneProgram, "uModel");
        _uKind = gl.GetUniformLocation(_sceneProgram, "uKind");
        _uColor = gl.GetUniformLocation(_sceneProgram, "uColor");
        _uHasTexture = gl.GetUniformLocation(_sceneProgram, "uHasTexture");
        _uTexture = gl.GetUniformLocation(_sceneProgram, "uTexture");
        _uEye = gl.GetUniformLocation(_sceneProgram, "uEye");
        _uLight = gl.GetUniformLocation(_sceneProgram, "uLight");
        _uInner = gl.GetUniformLocation(_compositeProgram, "uInner");
        _uSize = gl.GetUniformLocation(_compositeProgram, "uSize");
        _uCorner = gl.GetUniformLocation(_compositeProgram, "uCorner");
        _uEdgeU = gl.GetUniformLocation(_compositeProgram, "uEdgeU");
        _uEdgeV = gl.GetUniformLocation(_compositeProgram, "uEdgeV");
        _uCamera = gl.GetUniformLocation(_compositeProgram, "uCamera");
        _uSoftEdge = gl.GetUniformLocation(_compositeProgram, "uSoftEdge");
        _uChroma = gl.GetUniformLocation(_compositeProgram, "uChroma");
        _uChromaColor = gl.GetUniformLocation(_compositeProgram, "uChromaColor");
        _emptyVao = gl.GenVertexArray();

        _meshes = new GlMesh[content.Meshes.Count];
        for (var i = 0; i < _meshes.Length; i++)
        {
            _meshes[i] = new GlMesh(gl, content.Meshes[i]);
        }

        gl.PixelStore(PixelStoreParameter.PackAlignment, 4);
        gl.DepthFunc(DepthFunction.Lequal);
    }

    /// <summary>Creates the framebuffers for a panel size ahead of the first frame.</summary>
    public void Prepare(int width, int height) => Target(width, height);

    /// <summary>
    /// Draws one panel: outer frustum over the whole panel; when <see cref="PanelPass.HasInner"/>, the inner frustum
    /// into the inner FBO (scissored to the coverage rectangle) and its composite over the output with the soft-edge
    /// alpha (or the chroma fill). Then reads RGBA8 rows bottom-up into <paramref name="destination"/> unless it is empty.
    /// </summary>
    public void RenderPanel(PanelPass pass, Span<byte> destination)
    {
        var target = Target(pass.Width, pass.Height);
        _gl.Viewport(0, 0, (uint)pass.Width, (uint)pass.Height);

        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, target.OutputFramebuffer);
        DrawScene(pass.OuterViewProjection, pass.OuterEye);

        if (pass.HasInner)
        {
            var r = pass.InnerRect;
            _gl.Enable(EnableCap.ScissorTest);
            _gl.Scissor(r.X0, r.Y0, (uint)r.Width, (uint)r.Height);
            if (!pass.ChromaKey.Enabled)
            {
                _gl.BindFramebuffer(FramebufferTarget.Framebuffer, target.InnerFramebuffer);
                DrawScene(pass.InnerViewProjection, pass.InnerEye);
                _gl.BindFramebuffer(FramebufferTarget.Framebuffer, target.OutputFramebuffer);
            }

            Composite(pass, target);
            _gl.Disable(EnableCap.ScissorTest);
        }

        if (!destination.IsEmpty)
        {
            // Finish first so the read-back time is the copy alone, not the rasterisation it would otherwise wait for
            // (both are synchronous on llvmpipe; on a GPU glReadPixels would stall the same way).
            _gl.Finish();
            var started = Stopwatch.GetTimestamp();
            ReadPixels(target, destination);
            ReadbackTicks += Stopwatch.GetTimestamp() - started;
        }
    }

    /// <summary>Stopwatch ticks spent in glReadPixels by <see cref="RenderPanel"/> since the caller last reset it.</summary>
    public long ReadbackTicks { get; set; }

    /// <summary>A frame that only clears the panel (benchmark baseline), read back when a destination is given.</summary>
    public void ClearPanel(int width, int height, Span<byte> destination)
    {
        var target = Target(width, height);
        _gl.Viewport(0, 0, (uint)width, (uint)height);
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, target.OutputFramebuffer);
        _gl.ClearColor(0.1f, 0.1f, 0.1f, 1);
        _gl.ClearDepth(1);
        _gl.Clear(ClearBufferMask.ColorBufferBit | ClearBufferMask.DepthBufferBit);
        if (!destination.IsEmpty)
        {
            ReadPixels(target, destination);
        }
    }

    /// <summary>glFinish: waits until every queued command has executed.</summary>
    public void Finish() => _gl.Finish();

    private void ReadPixels(GlRenderTarget target, Span<byte> destination)
    {
        var bytes = target.Width * target.Height * 4;
        if (destination.Length < bytes)
        {
            throw new ArgumentException(FormattableString.Invariant($"The destination holds {destination.Length} bytes; a {target.Width}×{target.Height} RGBA8 panel needs {bytes}."), nameof(destination));
        }

        _gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, target.OutputFramebuffer);
        fixed (byte* p = destination)
        {
            _gl.ReadPixels(0, 0, (uint)target.Width, (uint)target.Height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        }
    }

    private void DrawScene(float[] viewProjection, Vector3 eye)
    {
        _gl.ClearColor(0, 0, 0, 1);
        _gl.ClearDepth(1);
        _gl.Clear(ClearBufferMask.ColorBufferBit | ClearBufferMask.DepthBufferBit);
        _gl.Enable(EnableCap.DepthTest);
        _gl.UseProgram(_sceneProgram);
        fixed (float* vp = viewProjection)
        {
            _gl.UniformMatrix4(_uViewProjection, 1, false, vp);
        }

        _gl.Uniform3(_uEye, eye.X, eye.Y, eye.Z);
        var light = _content.LightDirection;
        _gl.Uniform3(_uLight, light.X, light.Y, light.Z);
        _gl.Uniform1(_uTexture, 0);
        _gl.ActiveTexture(TextureUnit.Texture0);

        var nodes = _content.Nodes;
        for (var i = 0; i < nodes.Length; i++)
        {
            ref readonly var node = ref nodes[i];
            if (!node.Visible)
            {
                continue;
            }

            var mesh = _meshes[node.Mesh];
            var material = mesh.Material;
            var world = node.World;

            // A System.Numerics matrix in memory order is GL's column-major form for column vectors (math.md §1).
            _gl.UniformMatrix4(_uModel, 1, false, (float*)&world);
            var c = material.BaseColor * node.Color;
            _gl.Uniform4(_uColor, c.X, c.Y, c.Z, 1);
            _gl.Uniform1(_uKind, (int)material.Kind);
            _gl.Uniform1(_uHasTexture, mesh.Texture != 0 ? 1 : 0);
            _gl.BindTexture(TextureTarget.Texture2D, mesh.Texture);
            mesh.Draw();
        }

        _gl.BindTexture(TextureTarget.Texture2D, 0);
        _gl.Disable(EnableCap.DepthTest);
    }

    private void Composite(PanelPass pass, GlRenderTarget target)
    {
        _gl.UseProgram(_compositeProgram);
        _gl.ActiveTexture(TextureUnit.Texture0);
        _gl.BindTexture(TextureTarget.Texture2D, target.InnerTexture);
        _gl.Uniform1(_uInner, 0);
        _gl.Uniform2(_uSize, pass.Width, pass.Height);
        _gl.Uniform3(_uCorner, pass.Corner.X, pass.Corner.Y, pass.Corner.Z);
        _gl.Uniform3(_uEdgeU, pass.EdgeU.X, pass.EdgeU.Y, pass.EdgeU.Z);
        _gl.Uniform3(_uEdgeV, pass.EdgeV.X, pass.EdgeV.Y, pass.EdgeV.Z);
        fixed (float* m = pass.CameraViewProjection)
        {
            _gl.UniformMatrix4(_uCamera, 1, false, m);
        }

        _gl.Uniform1(_uSoftEdge, pass.SoftEdge);
        var key = pass.ChromaKey;
        _gl.Uniform1(_uChroma, key.Enabled ? 1 : 0);
        _gl.Uniform3(_uChromaColor, key.Red, key.Green, key.Blue);

        // RGB: inner over outer by the soft-edge alpha; destination alpha stays 1.
        _gl.Enable(EnableCap.Blend);
        _gl.BlendFuncSeparate(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha, BlendingFactor.Zero, BlendingFactor.One);
        _gl.BindVertexArray(_emptyVao);
        _gl.DrawArrays(PrimitiveType.Triangles, 0, 3);
        _gl.Disable(EnableCap.Blend);
        _gl.BindTexture(TextureTarget.Texture2D, 0);
    }

    private GlRenderTarget Target(int width, int height)
    {
        var key = ((long)width << 32) | (uint)height;
        if (!_targets.TryGetValue(key, out var target))
        {
            target = new GlRenderTarget(_gl, width, height);
            _targets.Add(key, target);
        }

        return target;
    }

    public void Dispose()
    {
        foreach (var target in _targets.Values)
        {
            target.Dispose();
        }

        foreach (var mesh in _meshes)
        {
            mesh.Dispose();
        }

        _gl.DeleteVertexArray(_emptyVao);
        _gl.DeleteProgram(_sceneProgram);
        _gl.DeleteProgram(_compositeProgram);
    }
}
