namespace StageControl.Render.Gl;

/// <summary>Status and error values (Silk.NET's catch-all <c>GLEnum</c>). Values from the OpenGL 4.6 core registry (gl.xml); names as Silk.NET spells them.</summary>
internal enum GLEnum : uint
{
    /// <summary>No error.</summary>
    NoError = 0x0000,

    /// <summary>GL_INVALID_ENUM.</summary>
    InvalidEnum = 0x0500,

    /// <summary>GL_INVALID_VALUE.</summary>
    InvalidValue = 0x0501,

    /// <summary>GL_INVALID_OPERATION.</summary>
    InvalidOperation = 0x0502,

    /// <summary>GL_STACK_OVERFLOW.</summary>
    StackOverflow = 0x0503,

    /// <summary>GL_STACK_UNDERFLOW.</summary>
    StackUnderflow = 0x0504,

    /// <summary>GL_OUT_OF_MEMORY.</summary>
    OutOfMemory = 0x0505,

    /// <summary>GL_INVALID_FRAMEBUFFER_OPERATION.</summary>
    InvalidFramebufferOperation = 0x0506,

    /// <summary>Framebuffer complete.</summary>
    FramebufferComplete = 0x8CD5,

    /// <summary>An attachment is incomplete.</summary>
    FramebufferIncompleteAttachment = 0x8CD6,

    /// <summary>No attachment.</summary>
    FramebufferIncompleteMissingAttachment = 0x8CD7,

    /// <summary>Unsupported combination.</summary>
    FramebufferUnsupported = 0x8CDD,
}
