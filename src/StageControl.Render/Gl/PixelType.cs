namespace StageControl.Render.Gl;

/// <summary>Client pixel component types. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum PixelType : uint
{
    /// <summary>8-bit unsigned.</summary>
    UnsignedByte = 0x1401,

    /// <summary>32-bit float.</summary>
    Float = 0x1406,
}
