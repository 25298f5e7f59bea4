// One headless GL context with its renderer: created, used and disposed on one RenderThread.
using StageControl.Render.Scenes;

namespace StageControl.Render.Gl;

/// <summary>
/// The EGL context, the GL table and the <see cref="GlStageRenderer"/> of one render thread. <see cref="Create"/> must
/// run on that thread; it logs GL_RENDERER/GL_VERSION and enforces <see cref="RenderOptions.RequireGpu"/>.
/// </summary>
internal sealed class GlBackend : IDisposable
{
    private readonly EglContext _context;

    private GlBackend(EglContext context, GL gl, RendererInfo info, GlStageRenderer renderer)
    {
        _context = context;
        Gl = gl;
        Info = info;
        Renderer = renderer;
    }

    public GL Gl { get; }

    public RendererInfo Info { get; }

    public GlStageRenderer Renderer { get; }

    public static GlBackend Create(SceneContent content, RenderOptions options)
    {
        var context = EglContext.Create();
        try
        {
            var gl = GL.GetApi(EglContext.GetProcAddress);
            var info = new RendererInfo(
                "OpenGL",
                gl.GetStringS(StringName.Vendor),
                gl.GetStringS(StringName.Renderer),
                gl.GetStringS(StringName.Version),
                context.Platform);
            options.Log?.Invoke($"render: {info}");

            // glvnd hands out pointers for any gl* name, so the version is the proof of support (gl-headless.md §5 item 1).
            var major = gl.GetInteger(GetPName.MajorVersion);
            var minor = gl.GetInteger(GetPName.MinorVersion);
            if (major < 3 || (major == 3 && minor < 3))
            {
                throw new GraphicsException(FormattableString.Invariant($"OpenGL 3.3 core is required; the context is {major}.{minor} ({info})."));
            }

            if (options.RequireGpu && info.IsSoftware)
            {
                throw new GraphicsException(
                    $"A GPU was required but the renderer is the software rasteriser '{info.Renderer}' ({info.Platform}). " +
                    "On an NVIDIA host check that the container exposes the graphics capability (NVIDIA_DRIVER_CAPABILITIES=all) " +
                    "and that glvnd finds the NVIDIA EGL vendor file (10_nvidia.json); without it glvnd falls back to Mesa.");
            }

            return new GlBackend(context, gl, info, new GlStageRenderer(gl, content));
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Renderer.Dispose();
        _context.Dispose();
    }
}
