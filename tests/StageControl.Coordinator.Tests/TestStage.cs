// The demo stage and coordinator hosts on loopback ephemeral ports, for the tests.
using System.Net;
using StageControl.Core.Stage;
using StageControl.Core.Timing;

namespace StageControl.Coordinator.Tests;

internal static class TestStage
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static string DemoPath => Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json");

    public static StageConfig Demo()
    {
        var result = StageConfigLoader.LoadFile(DemoPath);
        Assert.True(result.IsValid, string.Join("; ", result.Problems.Select(p => p.Format(DemoPath))));
        return result.Config!;
    }

    public static StageConfig WithRate(StageConfig c, FrameRate rate) => new(c.Name, rate, c.PanelTypes, c.Walls, c.Processors, c.Nodes, c.Cameras);

    public static Task<CoordinatorHost> StartAsync(StageConfig? config = null, TimeSpan? barrierTimeout = null, int maxMisses = 3) =>
        CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = config ?? Demo(),
            Grpc = new IPEndPoint(IPAddress.Loopback, 0),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
            BarrierTimeout = barrierTimeout,
            MaxConsecutiveMisses = maxMisses,
        });

    public static async Task Until(Func<bool> condition, string what)
    {
        Assert.True(await Simulation.SimulatedNode.WaitUntilAsync(condition, Timeout), "timed out waiting until " + what);
    }
}
