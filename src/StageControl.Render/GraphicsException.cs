namespace StageControl.Render;

/// <summary>
/// A failure of the graphics backend: EGL could not initialise (with the install hint), a GL call reported an error
/// (the message names the call and the GL error), a shader did not compile, or a GPU was required and the renderer
/// is a software one.
/// </summary>
public sealed class GraphicsException : Exception
{
    /// <summary>The Debian packages a headless renderer needs on a machine without a GPU.</summary>
    public const string InstallHint =
        "Headless rendering needs EGL and Mesa's llvmpipe: `apt-get install -y --no-install-recommends libegl1 libgl1-mesa-dri` " +
        "(tests/prereqs.d/gl.sh does it); set EGL_LOG_LEVEL=debug to see why EGL fails.";

    /// <summary>Creates an exception with a message.</summary>
    public GraphicsException()
        : base("Graphics backend failure.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public GraphicsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public GraphicsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
