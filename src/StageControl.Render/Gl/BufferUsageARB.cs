namespace StageControl.Render.Gl;

/// <summary>Buffer usage hints. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum BufferUsageARB : uint
{
    /// <summary>Written by GL, read once.</summary>
    StreamRead = 0x88E1,

    /// <summary>Written once, drawn often.</summary>
    StaticDraw = 0x88E4,

    /// <summary>Rewritten often.</summary>
    DynamicDraw = 0x88E8,
}
