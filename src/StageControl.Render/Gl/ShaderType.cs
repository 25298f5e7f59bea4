namespace StageControl.Render.Gl;

/// <summary>Shader stages. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum ShaderType : uint
{
    /// <summary>Fragment stage.</summary>
    FragmentShader = 0x8B30,

    /// <summary>Vertex stage.</summary>
    VertexShader = 0x8B31,
}
