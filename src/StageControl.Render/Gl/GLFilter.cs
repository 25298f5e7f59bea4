namespace StageControl.Render.Gl;

/// <summary>Texture filter and wrap values (parameters of glTexParameteri). Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum GLFilter : uint
{
    /// <summary>Nearest texel.</summary>
    Nearest = 0x2600,

    /// <summary>Bilinear.</summary>
    Linear = 0x2601,

    /// <summary>Trilinear (mipmapped) minification.</summary>
    LinearMipmapLinear = 0x2703,

    /// <summary>Repeat wrap.</summary>
    Repeat = 0x2901,

    /// <summary>Clamp to edge.</summary>
    ClampToEdge = 0x812F,
}
