namespace StageControl.Render;

/// <summary>
/// One rendered frame of every panel of a <see cref="StageRenderer"/>. The same object (and its buffers) is reused by the
/// next frame, so copy or write out what you need before rendering again.
/// </summary>
public sealed class RenderedFrame
{
    internal RenderedFrame(PanelImage[] panels) => Panels = panels;

    /// <summary>The frame index these pixels show.</summary>
    public long FrameIndex { get; internal set; }

    /// <summary>Time spent drawing the frame's panels (up to glFinish), without the read-back.</summary>
    public TimeSpan RenderTime { get; internal set; }

    /// <summary>Time spent in glReadPixels for the frame's panels.</summary>
    public TimeSpan ReadbackTime { get; internal set; }

    /// <summary>One image per panel, in the renderer's panel order.</summary>
    public IReadOnlyList<PanelImage> Panels { get; }
}
