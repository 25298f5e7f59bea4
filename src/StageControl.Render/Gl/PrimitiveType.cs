namespace StageControl.Render.Gl;

/// <summary>Primitive topologies. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum PrimitiveType : uint
{
    /// <summary>Triangle list.</summary>
    Triangles = 0x0004,

    /// <summary>Triangle strip.</summary>
    TriangleStrip = 0x0005,
}
