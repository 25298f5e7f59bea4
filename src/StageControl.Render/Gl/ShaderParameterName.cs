namespace StageControl.Render.Gl;

/// <summary>glGetShaderiv parameters. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum ShaderParameterName : uint
{
    /// <summary>GL_TRUE when compiled.</summary>
    CompileStatus = 0x8B81,

    /// <summary>Info log length.</summary>
    InfoLogLength = 0x8B84,
}
