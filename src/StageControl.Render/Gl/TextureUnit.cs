namespace StageControl.Render.Gl;

/// <summary>Texture units. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum TextureUnit : uint
{
    /// <summary>Unit 0.</summary>
    Texture0 = 0x84C0,

    /// <summary>Unit 1.</summary>
    Texture1 = 0x84C1,
}
