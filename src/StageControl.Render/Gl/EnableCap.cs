namespace StageControl.Render.Gl;

/// <summary>Capabilities for glEnable/glDisable. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum EnableCap : uint
{
    /// <summary>Face culling.</summary>
    CullFace = 0x0B44,

    /// <summary>Depth testing.</summary>
    DepthTest = 0x0B71,

    /// <summary>Blending.</summary>
    Blend = 0x0BE2,

    /// <summary>Scissor test.</summary>
    ScissorTest = 0x0C11,
}
