namespace StageControl.Render.Gl;

/// <summary>Texture binding points. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum TextureTarget : uint
{
    /// <summary>2D texture.</summary>
    Texture2D = 0x0DE1,
}
