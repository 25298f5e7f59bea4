namespace StageControl.Render.Gl;

/// <summary>Client pixel formats. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum PixelFormat : uint
{
    /// <summary>RGB.</summary>
    Rgb = 0x1907,

    /// <summary>RGBA.</summary>
    Rgba = 0x1908,
}
