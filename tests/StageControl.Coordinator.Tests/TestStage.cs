// The demo stage and coordinator hosts on loopback ephemeral ports, for the tests.
using System.Net;
using StageControl.Core.Stage;
using StageControl.Core.Timing;

namespace StageControl.Coordinator.Tests;

internal static class TestStage
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    static TestStage()
    {
        // A cold test process starts several Kestrel servers and HTTP/2 clients at once on 2 shared cores: while the JIT
        // holds the thread pool's few threads, the pool injects one more only every ~0.5 s, and node answers miss their
        // barrier deadlines for a second or two (measured: 33 of 77 frames at 20 fps). A larger minimum removes that
        // start-up artefact so the barrier tests see the coordinator's behaviour, not the pool's warm-up.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }

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
