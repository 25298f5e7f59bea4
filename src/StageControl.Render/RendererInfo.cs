namespace StageControl.Render;

/// <summary>What the backend runs on, logged at start-up (shared/notes/gl-headless.md §5 item 14).</summary>
/// <param name="Api">"OpenGL".</param>
/// <param name="Vendor">GL_VENDOR.</param>
/// <param name="Renderer">GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</param>
/// <param name="Version">GL_VERSION, e.g. "4.5 (Core Profile) Mesa 22.3.6".</param>
/// <param name="Platform">How EGL opened the display, e.g. "device EGL_MESA_device_software, surfaceless".</param>
public sealed record RendererInfo(string Api, string Vendor, string Renderer, string Version, string Platform)
{
    /// <summary>True for Mesa's CPU rasterisers (llvmpipe, softpipe, swrast).</summary>
    public bool IsSoftware =>
        Renderer.Contains("llvmpipe", StringComparison.OrdinalIgnoreCase) ||
        Renderer.Contains("softpipe", StringComparison.OrdinalIgnoreCase) ||
        Renderer.Contains("swrast", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"{Api} {Version} on {Renderer} ({Vendor}; {Platform})";
}
