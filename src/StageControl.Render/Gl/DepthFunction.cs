namespace StageControl.Render.Gl;

/// <summary>Depth comparisons. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum DepthFunction : uint
{
    /// <summary>Pass when less.</summary>
    Less = 0x0201,

    /// <summary>Pass when less or equal.</summary>
    Lequal = 0x0203,
}
