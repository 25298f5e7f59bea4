namespace StageControl.Render.Gl;

/// <summary>glGetString names. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum StringName : uint
{
    /// <summary>Vendor.</summary>
    Vendor = 0x1F00,

    /// <summary>Renderer.</summary>
    Renderer = 0x1F01,

    /// <summary>Version.</summary>
    Version = 0x1F02,

    /// <summary>GLSL version.</summary>
    ShadingLanguageVersion = 0x8B8C,
}
