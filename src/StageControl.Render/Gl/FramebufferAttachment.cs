namespace StageControl.Render.Gl;

/// <summary>Framebuffer attachment points. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum FramebufferAttachment : uint
{
    /// <summary>First colour attachment.</summary>
    ColorAttachment0 = 0x8CE0,

    /// <summary>Depth attachment.</summary>
    DepthAttachment = 0x8D00,
}
