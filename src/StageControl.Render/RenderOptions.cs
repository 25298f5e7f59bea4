using StageControl.Core.Geometry;

namespace StageControl.Render;

/// <summary>Settings of a <see cref="StageRenderer"/>.</summary>
public sealed record RenderOptions
{
    /// <summary>Height of the default outer eye, metres (a camera at standing eye height).</summary>
    public const double DefaultOuterEyeHeightM = 1.6;

    /// <summary>
    /// The fixed eye of the outer frustum. Default: the stage origin at camera height, (0, 1.6, 0). The origin is the
    /// centre of the performance area by the configs/README.md convention (curved walls are centred on it in the demo),
    /// so every panel faces it. Each panel's outer frustum is its Kooima projection from this eye; it must be in front of
    /// every panel (the renderer refuses otherwise, naming the panel).
    /// </summary>
    public Vec3 OuterEye { get; init; } = new(0, DefaultOuterEyeHeightM, 0);

    /// <summary>Near distance, metres, measured along each panel's normal (Kooima).</summary>
    public double Near { get; init; } = 0.05;

    /// <summary>Far distance, metres.</summary>
    public double Far { get; init; } = 1000;

    /// <summary>Fail at start-up when the renderer is a software rasteriser (llvmpipe/softpipe).</summary>
    public bool RequireGpu { get; init; }

    /// <summary>Receives start-up lines (renderer, version, platform). Null: silent.</summary>
    public Action<string>? Log { get; init; }
}
