namespace StageControl.Render.Gl;

/// <summary>Buffers glClear resets (Silk.NET <c>ClearBufferMask</c>). Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
[Flags]
internal enum ClearBufferMask : uint
{
    /// <summary>Depth buffer.</summary>
    DepthBufferBit = 0x0100,

    /// <summary>Colour buffer.</summary>
    ColorBufferBit = 0x4000,
}
