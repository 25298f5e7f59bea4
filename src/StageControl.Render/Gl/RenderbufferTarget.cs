namespace StageControl.Render.Gl;

/// <summary>Renderbuffer binding point. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum RenderbufferTarget : uint
{
    /// <summary>The renderbuffer target.</summary>
    Renderbuffer = 0x8D41,
}
