namespace StageControl.Render.Gl;

/// <summary>Index types. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum DrawElementsType : uint
{
    /// <summary>8-bit indices.</summary>
    UnsignedByte = 0x1401,

    /// <summary>16-bit indices.</summary>
    UnsignedShort = 0x1403,

    /// <summary>32-bit indices.</summary>
    UnsignedInt = 0x1405,
}
