using StageControl.Core.Geometry;
using StageControl.Core.Stage;

namespace StageControl.Render.Tests;

/// <summary>Panels for tests: flat quads placed by centre/yaw, and the demo volume's panels.</summary>
internal static class TestPanels
{
    /// <summary>A vertical panel centred at <paramref name="center"/>, facing +Z turned by <paramref name="yawDegrees"/> about +Y.</summary>
    public static PanelQuad Flat(string id, Vec3 center, double yawDegrees, double width, double height, int pixelsX, int pixelsY)
    {
        var yaw = double.DegreesToRadians(yawDegrees);
        var right = new Vec3(Math.Cos(yaw), 0, -Math.Sin(yaw));
        var up = Vec3.UnitY;
        var pa = center - (right * (width / 2)) - (up * (height / 2));
        return new PanelQuad(id, pa, pa + (right * width), pa + (up * height), pixelsX, pixelsY);
    }

    /// <summary>The same quad at another pixel resolution (keeps tests fast).</summary>
    public static PanelQuad WithPixels(PanelQuad quad, int pixelsX, int pixelsY) => quad with { PixelsX = pixelsX, PixelsY = pixelsY };

    private static readonly Lazy<StageConfig> s_demo = new(() =>
    {
        var result = StageConfigLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json"));
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        return result.Config!;
    });

    /// <summary>configs/demo-volume.json (copied to the test output).</summary>
    public static StageConfig Demo => s_demo.Value;
}
