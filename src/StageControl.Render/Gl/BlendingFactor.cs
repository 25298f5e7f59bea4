namespace StageControl.Render.Gl;

/// <summary>Blend factors. Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum BlendingFactor : uint
{
    /// <summary>0.</summary>
    Zero = 0x0000,

    /// <summary>1.</summary>
    One = 0x0001,

    /// <summary>Source alpha.</summary>
    SrcAlpha = 0x0302,

    /// <summary>1 − source alpha.</summary>
    OneMinusSrcAlpha = 0x0303,
}
