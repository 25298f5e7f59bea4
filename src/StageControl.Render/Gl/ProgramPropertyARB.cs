namespace StageControl.Render.Gl;

/// <summary>glGetProgramiv parameters. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum ProgramPropertyARB : uint
{
    /// <summary>GL_TRUE when linked.</summary>
    LinkStatus = 0x8B82,

    /// <summary>Info log length.</summary>
    InfoLogLength = 0x8B84,
}
