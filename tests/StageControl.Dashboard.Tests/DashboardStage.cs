// The shared fixture: an in-process coordinator on a tiny stage (2 nodes × 2 panels of 48 × 48 px, 4 fps), two
// in-process render nodes (real EGL rendering, llvmpipe where there is no GPU) and a FreeD tracker on loopback that
// holds the camera still in front of the wall, so the whole wall is inside the inner frustum.
using System.Diagnostics;
using StageControl.Core.Geometry;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using StageControl.Coordinator;
using StageControl.Core.Stage;
using StageControl.Node;
using StageControl.Render.Output;
using StageControl.Tracking.Rebroadcast;
using StageControl.Tracking.Simulator;

namespace StageControl.Dashboard.Tests;

/// <summary>Coordinator + two nodes + tracker, started once for every test of the <see cref="DashboardCollection"/>.</summary>
public sealed class DashboardStage : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // The tiny stage of tests/StageControl.Node.Tests/TestNodes.cs (a flat wall of 4 × 1 panels at z = −3), trimmed to 2
    // panels per node as the dashboard issue asks; 4 fps keeps llvmpipe and the 2 shared cores relaxed.
    public const string TinyJson = """
    {
      "name": "Dashboard Test Stage",
      "frameRate": "4/1",
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
        { "name": "node-left", "outputs": [ { "processor": "proc", "output": 1, "panels": [ { "wall": "back", "columns": "1-2" } ] } ] },
        { "name": "node-right", "outputs": [ { "processor": "proc", "output": 2, "panels": [ { "wall": "back", "columns": "3-4" } ] } ] }
      ],
      "cameras": [
        { "name": "cam-a", "tracking": { "protocol": "freed", "port": 40000, "cameraId": 1 },
          "sensor": { "widthMm": 36, "heightMm": 24 }, "lens": { "focalLengthMm": 35 } }
      ]
    }
    """;

    private readonly CancellationTokenSource _stop = new();
    private readonly List<NodeRuntime> _nodes = [];
    private readonly List<Task> _running = [];
    private Task? _tracker;

    static DashboardStage()
    {
        // Kestrel, HTTP/2 clients, render threads and the browser start at once on 2 shared cores (as in the node and
        // coordinator tests): a larger pool minimum keeps the pool's slow thread injection out of the first frames.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }

    public CoordinatorHost Coordinator { get; private set; } = null!;

    public StageConfig Config { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IReadOnlyList<string> NodeNames { get; } = ["node-left", "node-right"];

    public IReadOnlyList<string> PanelIds { get; private set; } = [];

    /// <summary>Added to the tracked camera's position (stage metres); tests that move the camera set it back to zero.</summary>
    public Vec3 CameraShift { get; set; }

    public async Task InitializeAsync()
    {
        var parsed = StageConfigLoader.Parse(TinyJson);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Problems.Select(p => p.Format("tiny"))));
        Config = parsed.Config!;
        PanelIds = Config.Panels.Select(p => p.Id).ToList();
        Coordinator = await CoordinatorHost.StartAsync(new CoordinatorOptions
        {
            Config = Config,
            Grpc = new IPEndPoint(IPAddress.Loopback, 0),
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
        });
        Http = new HttpClient { BaseAddress = Coordinator.HttpUri, Timeout = TimeSpan.FromSeconds(10) };
        _tracker = Task.Run(() => SendTrackingAsync(Coordinator.TrackingPorts[0], _stop.Token));
        foreach (var name in NodeNames)
        {
            var node = new NodeRuntime(new NodeRuntimeOptions
            {
                Coordinator = Coordinator.GrpcUri,
                Name = name,
                ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
                ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
                StatsInterval = TimeSpan.FromMilliseconds(250),
            });
            _nodes.Add(node);
            _running.Add(Task.Run(() => node.RunAsync(_stop.Token)));
        }

        await Until(() => Coordinator.GetStatus().Nodes.All(n => n.State == Protos.V1.NodeState.Live), "both nodes are live");
        await Until(() => Coordinator.GetStatus().Cameras.All(c => c.Valid), "the camera is tracked");
        await Until(() => PanelIds.All(id => Coordinator.Runtime.Previews.Get(id) is not null), "every panel has a preview");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in _running)
        {
            await task.ConfigureAwait(false);
        }

        if (_tracker is not null)
        {
            await _tracker.ConfigureAwait(false);
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Http.Dispose();
        await Coordinator.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>Posts a SetControlsRequest JSON to /api/operator.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostOperatorAsync(string json)
    {
        using var content = new StringContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(new Uri("/api/operator", UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The newest preview of <paramref name="panel"/> as decoded pixels, with its frame.</summary>
    public async Task<(long Frame, PngImage Image)?> PreviewAsync(string panel)
    {
        using var response = await Http.GetAsync(new Uri("/api/previews/" + Uri.EscapeDataString(panel) + ".png", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var frame = long.Parse(response.Headers.GetValues("X-Frame").Single(), System.Globalization.CultureInfo.InvariantCulture);
        return (frame, PngDecoder.Decode(await response.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? Timeout).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "timed out waiting until " + what);
            await Task.Delay(25);
        }
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? Timeout).TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "timed out waiting until " + what);
            await Task.Delay(100);
        }
    }

    // A still camera (moved by CameraShift) 7 m in front of the wall at its height, looking at it (CameraPath's dolly at t = 0: (0, 1.6, 4),
    // tilt −3°): the 35 mm lens on a 36 mm sensor sees ±3.6 m × ±2 m there, so every panel is inside the inner frustum.
    private async Task SendTrackingAsync(int port, CancellationToken token)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = new IPEndPoint(IPAddress.Loopback, port);
        var path = CameraPath.Create(CameraPathKind.Dolly);
        var buffer = new byte[64];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(40));
        try
        {
            do
            {
                var pose = PoseEncoding.FromSample(path.Sample(0, Stopwatch.GetTimestamp(), 1));
                var shift = CameraShift;
                pose = pose with { Position = pose.Position + shift, PupilPosition = pose.PupilPosition + shift };
                if (PoseEncoding.TryWriteFreeD(pose, 1, buffer, out var written))
                {
                    await socket.SendToAsync(buffer.AsMemory(0, written), SocketFlags.None, target, token);
                }
            }
            while (await timer.WaitForNextTickAsync(token));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
