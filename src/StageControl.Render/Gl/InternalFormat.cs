namespace StageControl.Render.Gl;

/// <summary>Sized internal formats. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum InternalFormat : uint
{
    /// <summary>Unsized RGBA.</summary>
    Rgba = 0x1908,

    /// <summary>8-bit RGBA.</summary>
    Rgba8 = 0x8058,

    /// <summary>24-bit depth.</summary>
    DepthComponent24 = 0x81A6,
}
