using System.Globalization;
using System.Net;
using System.Text;
using StageControl.Coordinator;
using StageControl.Coordinator.Simulation;
using StageControl.Core.Stage;
using StageControl.Core.Timing;

namespace StageControl.Cli.Internal;

/// <summary>
/// The synthetic stage of <c>stagectl bench latency|barrier</c>: a flat wall of 2·N ROE BP2V2 panels in one row, two
/// per node (node-1 … node-N), and one FreeD camera (id 1); parsed from JSON text by the ordinary config loader, so it
/// is validated like any stage. The coordinator runs in-process on 127.0.0.1 with every port 0.
/// </summary>
internal static class BenchStage
{
    /// <summary>Panels per node.</summary>
    public const int PanelsPerNode = 2;

    /// <summary>The stage for <paramref name="nodes"/> nodes at <paramref name="rate"/>.</summary>
    public static StageConfig Build(int nodes, FrameRate rate)
    {
        var result = StageConfigLoader.Parse(Json(nodes, rate));
        if (!result.IsValid)
        {
            // A bug here, not the user's input: say which problem.
            throw new CliInputException("the generated bench stage is invalid: " + result.Problems[0].Format("bench stage"));
        }

        return result.Config!;
    }

    /// <summary>The stage's JSON text (the format of configs/README.md), with <paramref name="cameras"/> FreeD cameras
    /// (ids 1..C, all on one port: the coordinator's <c>--tracking-port</c> replaces it).</summary>
    public static string Json(int nodes, FrameRate rate, int cameras = 1)
    {
        var columns = nodes * PanelsPerNode;
        var halfWidth = columns * 0.5 / 2;
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $$"""
            {
              "name": "bench-{{nodes}}",
              "frameRate": "{{rate.Numerator}}/{{rate.Denominator}}",
              "panelTypes": [{"id": "bp2v2", "manufacturer": "ROE Visual", "model": "Black Pearl BP2V2", "widthMm": 500, "heightMm": 500, "pixelsX": 176, "pixelsY": 176, "pitchMm": 2.84}],
              "walls": [{"id": "wall", "kind": "flat", "panelType": "bp2v2", "rows": 1, "columns": {{columns}},
                "lowerLeft": {"x": {{-halfWidth}}, "y": 0, "z": -5}, "lowerRight": {"x": {{halfWidth}}, "y": 0, "z": -5}, "upperLeft": {"x": {{-halfWidth}}, "y": 0.5, "z": -5} }],
              "nodes": [
            """);
        for (var i = 0; i < nodes; i++)
        {
            var first = (i * PanelsPerNode) + 1;
            json.Append(CultureInfo.InvariantCulture, $$"""
                    {"name": "node-{{i + 1}}", "panels": [{"wall": "wall", "columns": "{{first}}-{{first + PanelsPerNode - 1}}"}]}{{(i + 1 < nodes ? "," : string.Empty)}}
                """);
        }

        json.Append("""
              ],
              "cameras": [
            """);
        for (var c = 1; c <= cameras; c++)
        {
            // The first camera keeps the name "cam" the latency bench looks for.
            var name = c == 1 ? "cam" : FormattableString.Invariant($"cam-{c}");
            json.Append(CultureInfo.InvariantCulture, $$$"""
                    {"name": "{{{name}}}", "tracking": {"protocol": "freed", "port": 40000, "cameraId": {{{c}}}}, "sensor": {"widthMm": 36, "heightMm": 24}, "lens": {"focalLengthMm": 35}}{{{(c < cameras ? "," : string.Empty)}}}
                """);
        }

        json.Append("""
              ]
            }
            """);
        return json.ToString();
    }

    /// <summary>Starts a coordinator for <paramref name="config"/> on 127.0.0.1, every port free (tracking: FreeD on one port).</summary>
    public static async Task<CoordinatorHost> StartAsync(StageConfig config, CancellationToken cancellationToken)
    {
        try
        {
            return await CoordinatorHost.StartAsync(
                new CoordinatorOptions
                {
                    Config = config,
                    Grpc = new IPEndPoint(IPAddress.Loopback, 0),
                    Http = new IPEndPoint(IPAddress.Loopback, 0),
                    TrackingPort = 0,
                    TrackingAddress = IPAddress.Loopback,
                },
                null,
                cancellationToken).ConfigureAwait(false);
        }
        catch (CoordinatorStartException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    /// <summary>Connects one <see cref="SimulatedNode"/> per config node (each its own HTTP/2 connection), after
    /// <paramref name="configure"/> set its observers.</summary>
    public static async Task<SimulatedNode[]> ConnectAsync(CoordinatorHost host, int capacity, Action<SimulatedNode, int> configure, CancellationToken cancellationToken)
    {
        var nodes = new SimulatedNode[host.Config.Nodes.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new SimulatedNode(host.GrpcUri, host.Config.Nodes[i].Name, new SimulatedNodeOptions { RecordCapacity = capacity });
            configure(nodes[i], i);
        }

        var joins = new Task[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            joins[i] = nodes[i].ConnectAsync(cancellationToken);
        }

        await Task.WhenAll(joins).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return nodes;
    }

    /// <summary>Disconnects every node and stops the coordinator.</summary>
    public static async Task StopAsync(CoordinatorHost host, SimulatedNode[]? nodes)
    {
        if (nodes is not null)
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }
        }

        await host.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Thread-pool and GC settings for a measurement, as <c>stagectl coordinator</c> uses during a show
    /// (<see cref="ProcessTuning"/>).</summary>
    public static void PrepareProcess() => ProcessTuning.ForFrameTiming(minThreads: 32, sustainedLowLatencyGc: true);
}
