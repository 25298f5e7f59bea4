namespace StageControl.Render.Gl;

/// <summary>Buffer binding points. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum BufferTargetARB : uint
{
    /// <summary>Vertex attributes.</summary>
    ArrayBuffer = 0x8892,

    /// <summary>Indices.</summary>
    ElementArrayBuffer = 0x8893,

    /// <summary>Pixel read-back.</summary>
    PixelPackBuffer = 0x88EB,
}
