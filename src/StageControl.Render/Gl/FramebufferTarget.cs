namespace StageControl.Render.Gl;

/// <summary>Framebuffer binding points. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum FramebufferTarget : uint
{
    /// <summary>Read framebuffer.</summary>
    ReadFramebuffer = 0x8CA8,

    /// <summary>Draw framebuffer.</summary>
    DrawFramebuffer = 0x8CA9,

    /// <summary>Both read and draw.</summary>
    Framebuffer = 0x8D40,
}
