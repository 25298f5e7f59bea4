// A tiny stage (2 nodes × 2 small panels), coordinators on loopback and node runtimes for the tests.
using System.Diagnostics;
using System.Net;
using StageControl.Coordinator;
using StageControl.Core.Stage;

namespace StageControl.Node.Tests;

internal static class TestNodes
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    static TestNodes()
    {
        // Kestrel, HTTP/2 clients and render threads start at once on 2 shared cores; a larger pool minimum keeps the
        // thread pool's slow injection out of the first frames (as in the coordinator tests).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }

    // A flat wall of 4 × 1 panels (0.5 m, 48 × 48 px) at z = −3, x −1..1, facing the origin; node-a drives columns
    // 1-2, node-b columns 3-4. 10 fps so llvmpipe keeps up easily.
    public const string TinyJson = """
    {
      "name": "Tiny Stage",
      "frameRate": "10/1",
      "panelTypes": [
        { "id": "p48", "manufacturer": "Test", "model": "P48", "widthMm": 500, "heightMm": 500, "pixelsX": 48, "pixelsY": 48, "pitchMm": 10.4 }
      ],
      "walls": [
        { "id": "back", "kind": "flat", "panelType": "p48", "columns": 4, "rows": 1,
          "lowerLeft": { "x": -1, "y": 1, "z": -3 }, "lowerRight": { "x": 1, "y": 1, "z": -3 }, "upperLeft": { "x": -1, "y": 1.5, "z": -3 } }
      ],
      "processors": [
        { "id": "proc", "model": "Test", "outputCount": 2, "pixelsPerOutput": 50000, "maxPixels": 100000 }
      ],
      "nodes": [
        { "name": "node-a", "outputs": [ { "processor": "proc", "output": 1, "panels": [ { "wall": "back", "columns": "1-2" } ] } ] },
        { "name": "node-b", "outputs": [ { "processor": "proc", "output": 2, "panels": [ { "wall": "back", "columns": "3-4" } ] } ] }
      ],
      "cameras": [
        { "name": "cam", "tracking": { "protocol": "freed", "port": 40000, "cameraId": 1 },
          "sensor": { "widthMm": 36, "heightMm": 24 }, "lens": { "focalLengthMm": 35 } }
      ]
    }
    """;

    public static StageConfig Tiny()
    {
        var result = StageConfigLoader.Parse(TinyJson);
        Assert.True(result.IsValid, string.Join("\n", result.Problems.Select(p => p.Format("tiny"))));
        return result.Config!;
    }

    public static string DemoPath => Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json");

    public static Task<CoordinatorHost> StartCoordinatorAsync(int grpcPort = 0, StageConfig? config = null) =>
        CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = config ?? Tiny(),
            Grpc = new IPEndPoint(IPAddress.Loopback, grpcPort),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
        });

    public static NodeRuntimeOptions Options(Uri coordinator, string name, List<string>? log = null) => new()
    {
        Coordinator = coordinator,
        Name = name,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        StatsInterval = TimeSpan.FromMilliseconds(250),
        Log = log is null ? null : line =>
        {
            lock (log)
            {
                log.Add(line);
            }
        },
    };

    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? Timeout).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "timed out waiting until " + what);
            await Task.Delay(20);
        }
    }

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "stagecontrol-node-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static bool Contains(List<string> log, string text)
    {
        lock (log)
        {
            return log.Exists(l => l.Contains(text, StringComparison.Ordinal));
        }
    }
}
