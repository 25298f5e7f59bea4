using StageControl.Core.Geometry;

namespace StageControl.Render;

/// <summary>
/// The pixels of one panel for one frame: RGBA8, rows <b>bottom-up</b> (row 0 is the panel's lower edge, pa→pb, as
/// glReadPixels returns them and as <see cref="PanelQuad"/> numbers pixels). The buffer belongs to the renderer and is
/// overwritten by the next frame.
/// </summary>
public sealed class PanelImage
{
    private readonly byte[] _pixels;

    internal PanelImage(PanelQuad panel)
    {
        Panel = panel;
        _pixels = new byte[panel.PixelsX * panel.PixelsY * 4];
    }

    /// <summary>The panel.</summary>
    public PanelQuad Panel { get; }

    /// <summary>Width in pixels.</summary>
    public int Width => Panel.PixelsX;

    /// <summary>Height in pixels.</summary>
    public int Height => Panel.PixelsY;

    /// <summary>RGBA8, bottom row first.</summary>
    public ReadOnlyMemory<byte> Pixels => _pixels;

    /// <summary>True when part of the inner frustum was composited on this panel this frame.</summary>
    public bool HasInner { get; internal set; }

    internal byte[] Buffer => _pixels;
}
