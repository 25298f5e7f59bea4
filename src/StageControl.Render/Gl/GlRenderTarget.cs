namespace StageControl.Render.Gl;

/// <summary>
/// The framebuffers for panels of one size: the output FBO (RGBA8 texture + shared depth renderbuffer) into which the
/// outer frustum is drawn and the inner composited, and the inner FBO (RGBA8 texture + the same depth) that the
/// composite pass samples.
/// </summary>
internal sealed unsafe class GlRenderTarget : IDisposable
{
    private readonly GL _gl;
    private readonly uint _depth;

    public GlRenderTarget(GL gl, int width, int height)
    {
        _gl = gl;
        Width = width;
        Height = height;
        _depth = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _depth);
        gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.DepthComponent24, (uint)width, (uint)height);
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, 0);
        (OutputFramebuffer, OutputTexture) = CreateFramebuffer("output");
        (InnerFramebuffer, InnerTexture) = CreateFramebuffer("inner");
    }

    public int Width { get; }

    public int Height { get; }

    public uint OutputFramebuffer { get; }

    public uint OutputTexture { get; }

    public uint InnerFramebuffer { get; }

    public uint InnerTexture { get; }

    private (uint Framebuffer, uint Texture) CreateFramebuffer(string name)
    {
        var texture = _gl.GenTexture();
        _gl.BindTexture(TextureTarget.Texture2D, texture);
        _gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)Width, (uint)Height, 0, PixelFormat.Rgba, PixelType.UnsignedByte, null);
        _gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)GLFilter.Nearest);
        _gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)GLFilter.Nearest);
        _gl.BindTexture(TextureTarget.Texture2D, 0);

        var fbo = _gl.GenFramebuffer();
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, fbo);
        _gl.FramebufferTexture2D(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, TextureTarget.Texture2D, texture, 0);
        _gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.DepthAttachment, RenderbufferTarget.Renderbuffer, _depth);
        var status = _gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
        if (status != GLEnum.FramebufferComplete)
        {
            throw new GraphicsException(FormattableString.Invariant(
                $"The {name} framebuffer ({Width}×{Height}, RGBA8 + depth 24) is incomplete: status 0x{(uint)status:X4}."));
        }

        return (fbo, texture);
    }

    public void Dispose()
    {
        _gl.DeleteFramebuffer(OutputFramebuffer);
        _gl.DeleteFramebuffer(InnerFramebuffer);
        _gl.DeleteTexture(OutputTexture);
        _gl.DeleteTexture(InnerTexture);
        _gl.DeleteRenderbuffer(_depth);
    }
}
