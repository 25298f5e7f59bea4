namespace StageControl.Render.Gl;

/// <summary>Texture parameters. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum TextureParameterName : uint
{
    /// <summary>Magnification filter.</summary>
    TextureMagFilter = 0x2800,

    /// <summary>Minification filter.</summary>
    TextureMinFilter = 0x2801,

    /// <summary>Wrap along s.</summary>
    TextureWrapS = 0x2802,

    /// <summary>Wrap along t.</summary>
    TextureWrapT = 0x2803,
}
