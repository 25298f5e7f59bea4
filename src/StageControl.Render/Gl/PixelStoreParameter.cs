namespace StageControl.Render.Gl;

/// <summary>glPixelStorei parameters. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum PixelStoreParameter : uint
{
    /// <summary>Row alignment of uploads.</summary>
    UnpackAlignment = 0x0CF5,

    /// <summary>Row alignment of read-back.</summary>
    PackAlignment = 0x0D05,
}
