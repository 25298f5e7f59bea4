namespace StageControl.Render.Gl;

/// <summary>glGetIntegerv names. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum GetPName : uint
{
    /// <summary>GL_MAJOR_VERSION.</summary>
    MajorVersion = 0x821B,

    /// <summary>GL_MINOR_VERSION.</summary>
    MinorVersion = 0x821C,
}
