using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Coordinator.Simulation;
using StageControl.Protos.V1;
using FrameRate = StageControl.Core.Timing.FrameRate;
using StageControl.Tracking.FreeD;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl bench cpu [--nodes 64] [--cameras 8] [--tracking-rate 240] [--rate 120] [--duration 30s] [--json]</c>:
/// the coordinator-CPU budget of shared/DESIGN.md ("coordinator CPU, 64 nodes, 8 cameras at 240 Hz, 120 fps: ≤ 1 core
/// of 2"). A real <c>stagectl coordinator</c> child process runs a generated stage (N nodes, C FreeD cameras on one UDP
/// port); this process drives it: N simulated nodes (each its own HTTP/2 connection, answering every cue at once) and
/// C·R FreeD datagrams per second. The child's CPU time (user + system, from the kernel) over the measured window,
/// divided by the wall time, is <c>coordinatorCores</c>; the baseline measured in the same run is the same process
/// running its frame loop with no node and no tracking (<c>idleCores</c>). JSON:
/// <c>{"coordinatorCores","idleCores","budgetCores","frames","framesMissed","samples","nodes","cameras"}</c>.
/// </summary>
internal static class BenchCpuCommand
{
    private static readonly TimeSpan s_idleWindow = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_warmup = TimeSpan.FromSeconds(3);

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var nodes = new Option<int>("--nodes") { Description = "Render nodes (simulated in this process, each its own HTTP/2 connection).", DefaultValueFactory = _ => 64 };
        var cameras = new Option<int>("--cameras") { Description = "FreeD cameras (ids 1..N on one UDP port).", DefaultValueFactory = _ => 8 };
        var trackingRate = new Option<int>("--tracking-rate") { Description = "Datagrams per second per camera.", DefaultValueFactory = _ => 240 };
        var rate = new Option<string>("--rate") { Description = "Frame rate in fps (or NUM/DEN).", DefaultValueFactory = _ => "120" };
        var duration = new Option<string>("--duration") { Description = "How long to measure, after a 3 s warm-up (e.g. 30s).", DefaultValueFactory = _ => "30s" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on one line." };
        var command = new Command("cpu", "Coordinator CPU (a child process) with N nodes and C cameras, against its idle frame loop.");
        foreach (var option in new Option[] { nodes, cameras, trackingRate, rate, duration, json })
        {
            command.Options.Add(option);
        }

        io.SetAction(command, parse =>
        {
            var n = parse.GetValue(nodes);
            var c = parse.GetValue(cameras);
            var r = parse.GetValue(trackingRate);
            if (n is < 1 or > BenchOptions.MaxNodes)
            {
                throw new CliUsageException(FormattableString.Invariant($"--nodes must be 1 to {BenchOptions.MaxNodes}, not {n}."));
            }

            if (c is < 1 or > 64)
            {
                throw new CliUsageException(FormattableString.Invariant($"--cameras must be 1 to 64, not {c}."));
            }

            if (r is < 1 or > 10_000)
            {
                throw new CliUsageException(FormattableString.Invariant($"--tracking-rate must be 1 to 10000 per second, not {r}."));
            }

            if (!FrameRate.TryParse(parse.GetValue(rate), out var frameRate, out var why))
            {
                throw new CliUsageException("--rate: " + why + ".");
            }

            var d = DurationText.Parse(parse.GetValue(duration)!, "--duration");
            using var cancel = new CancelScope(null);
            JsonObject result;
            try
            {
                result = RunAsync(n, c, r, frameRate, d, io, cancel.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancel.Interrupted)
            {
                throw new CliInputException("interrupted before the measurement ended; the coordinator child was stopped");
            }
            if (parse.GetValue(json))
            {
                io.WriteJson(result);
            }
            else
            {
                io.Out.WriteLine(FormattableString.Invariant(
                    $"coordinator CPU {result["coordinatorCores"]} cores with {n} nodes, {c} cameras at {r} Hz, {frameRate} fps (idle frame loop {result["idleCores"]} cores; budget {result["budgetCores"]}); {result["frames"]} frames, {result["framesMissed"]} missed, {result["samples"]} tracking samples"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<JsonObject> RunAsync(int nodeCount, int cameraCount, int trackingRate, FrameRate rate, TimeSpan duration, CliIo io, CancellationToken token)
    {
        BenchStage.PrepareProcess();
        var dir = Directory.CreateTempSubdirectory("stagectl-bench-cpu-");
        var configPath = Path.Combine(dir.FullName, "stage.json");
        await File.WriteAllTextAsync(configPath, BenchStage.Json(nodeCount, rate, cameraCount), token).ConfigureAwait(false);
        var (grpcPort, httpPort, trackingPort) = (FreeTcpPort(), FreeTcpPort(), FreeUdpPort());
        var exited = -1;
        using var coordinator = NodeProcess.Start(
            "coordinator",
            ["coordinator", "--config", configPath, "--grpc", $"127.0.0.1:{grpcPort}", "--http", $"127.0.0.1:{httpPort}", "--tracking-port", trackingPort.ToString(CultureInfo.InvariantCulture)],
            Path.Combine(dir.FullName, "coordinator.log"),
            (_, code) => Volatile.Write(ref exited, code));
        var uri = new Uri($"http://127.0.0.1:{grpcPort}");
        var nodes = new List<SimulatedNode>();
        using var stopTracker = CancellationTokenSource.CreateLinkedTokenSource(token);
        Thread? tracker = null;
        try
        {
            var before = await WaitForStatusAsync(uri, coordinator, token).ConfigureAwait(false);
            io.Error.WriteLine(FormattableString.Invariant($"bench cpu: coordinator PID {coordinator.Pid} serving stage '{before.StageName}'; idle frame loop for {s_idleWindow.TotalSeconds:F0} s"));
            var idleCores = await MeasureCoresAsync(coordinator.Pid, s_idleWindow, token).ConfigureAwait(false);

            for (var i = 0; i < nodeCount; i++)
            {
                nodes.Add(new SimulatedNode(uri, FormattableString.Invariant($"node-{i + 1}"), new SimulatedNodeOptions { RecordCapacity = 1 }));
            }

            await Task.WhenAll(nodes.Select(x => x.ConnectAsync(token))).WaitAsync(TimeSpan.FromSeconds(60), token).ConfigureAwait(false);
            tracker = new Thread(() => SendTracking(trackingPort, cameraCount, trackingRate, stopTracker.Token)) { IsBackground = true, Name = "bench cpu FreeD" };
            tracker.Start();
            io.Error.WriteLine(FormattableString.Invariant($"bench cpu: {nodeCount} nodes joined, {cameraCount} cameras at {trackingRate} Hz; warming up {s_warmup.TotalSeconds:F0} s, measuring {duration.TotalSeconds:F0} s"));
            await Task.Delay(s_warmup, token).ConfigureAwait(false);

            var start = Status(uri);
            var cores = await MeasureCoresAsync(coordinator.Pid, duration, token).ConfigureAwait(false);
            var end = Status(uri);
            return new JsonObject
            {
                ["coordinatorCores"] = Math.Round(cores, 3),
                ["idleCores"] = Math.Round(idleCores, 3),
                ["budgetCores"] = 1,
                ["frames"] = end.Sync.FramesPresented - start.Sync.FramesPresented,
                ["framesMissed"] = end.Sync.FramesMissed - start.Sync.FramesMissed,
                ["samples"] = Packets(end) - Packets(start),
                ["nodes"] = nodeCount,
                ["cameras"] = cameraCount,
            };
        }
        finally
        {
            await stopTracker.CancelAsync().ConfigureAwait(false);
            tracker?.Join(TimeSpan.FromSeconds(5));
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }

            // Only this child, by its PID: SIGTERM (a clean stop), then SIGKILL if it lingers.
            if (!PosixSignals.Terminate(coordinator.Pid) || !coordinator.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                coordinator.Kill();
            }

            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    private static long Packets(StatusSnapshot status) => status.Sources.Sum(s => s.Packets);

    private static StatusSnapshot Status(Uri uri) => CoordinatorCall.Invoke(uri, uri.ToString(), null, null,
        (invoker, options) => new StatusService.StatusServiceClient(invoker).GetStatusAsync(new GetStatusRequest(), options));

    private static async Task<StatusSnapshot> WaitForStatusAsync(Uri uri, NodeProcess coordinator, CancellationToken token)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (coordinator.HasExited)
            {
                throw new CliInputException("the coordinator child ended at start: " + string.Join(" | ", coordinator.StderrTail()));
            }

            try
            {
                return Status(uri);
            }
            catch (CliInputException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(200, token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Cores used by process <paramref name="pid"/> over <paramref name="window"/>: its CPU time (user +
    /// system, as the kernel counts it) over the wall time.</summary>
    private static async Task<double> MeasureCoresAsync(int pid, TimeSpan window, CancellationToken token)
    {
        using var process = Process.GetProcessById(pid);
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(window, token).ConfigureAwait(false);
        process.Refresh();
        var cpu1 = process.TotalProcessorTime;
        return (cpu1 - cpu0).TotalSeconds / wall.Elapsed.TotalSeconds;
    }

    /// <summary>C·R FreeD datagrams per second to 127.0.0.1:<paramref name="port"/>, camera ids 1..C, each camera on
    /// a slow pan; sent in 1 ms batches (what is due by then), so the sender sleeps rather than spins and leaves the
    /// CPU to the coordinator.</summary>
    private static void SendTracking(int port, int cameras, int rate, CancellationToken token)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = new IPEndPoint(IPAddress.Loopback, port);
        var packet = new byte[FreeDWriter.D1Length];
        var start = Stopwatch.GetTimestamp();
        long sent = 0;
        var perSecond = (long)cameras * rate;
        while (!token.IsCancellationRequested)
        {
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * perSecond);
            for (; sent < due; sent++)
            {
                var camera = (byte)((sent % cameras) + 1);
                var step = sent / cameras;
                var sample = FreeDSample.FromPose(camera, ((step % 3600) * 0.1) - 180, 0, 0, camera * 100.0, 1500, -3000, 0, 0, 0);
                FreeDWriter.Write(sample, packet);
                try
                {
                    socket.SendTo(packet, target);
                }
                catch (SocketException)
                {
                    // The coordinator child is gone (loopback answers with "connection refused"): the run reports it.
                    return;
                }
            }

            Thread.Sleep(1);
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
