namespace StageControl.Render.Gl;

/// <summary>Vertex attribute component types. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum VertexAttribPointerType : uint
{
    /// <summary>32-bit float.</summary>
    Float = 0x1406,
}
