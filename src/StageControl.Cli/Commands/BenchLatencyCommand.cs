using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Coordinator;
using StageControl.Coordinator.Simulation;
using StageControl.Tracking.FreeD;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl bench latency --nodes N --rate R --duration D [--json]</c> →
/// <c>{"p50Us","p99Us","framePeriodUs","baselineP99Us","samples"}</c> (shared/DESIGN.md "Performance budgets":
/// tracking sample arrival → pose on every node's stream).
/// <list type="bullet">
/// <item>Setup, all in this process on 127.0.0.1: a coordinator (<see cref="Coordinator.CoordinatorHost"/>) for a
/// synthetic stage of N nodes (<see cref="BenchStage"/>) at frame rate R, N <see cref="SimulatedNode"/>s each on its
/// own HTTP/2 connection (answering cues as a renderer with zero render time would), and a FreeD sender paced evenly
/// at R datagrams per second into the coordinator's tracking port.</item>
/// <item>Latency: a datagram's arrival at the coordinator's UDP socket (the ingest's Stopwatch stamp, carried to the
/// node as <c>PoseUpdate.camera.arrival_mono_ns</c>) → that PoseUpdate returned by the node's stream reader (the same
/// Stopwatch). One sample per (datagram, node) pair; <c>samples</c> counts them.</item>
/// <item>Baseline (<c>baselineP99Us</c>), measured just before in the same run: a raw gRPC hop over StageControl.Rpc
/// (<see cref="GrpcHopBaseline"/>): one stamped message written to N server streams at R per second, p99 of
/// write start → received.</item>
/// <item>The start of each phase is not measured: at least 0.5 s (connections), then until the JIT has settled
/// (<see cref="BenchWarmup"/>; tiered recompilation otherwise takes a quarter of the CPU for the first seconds).
/// <c>framePeriodUs</c> = 1e6·den/num: the budget is p99 ≤ 3 % of it.</item>
/// </list>
/// </summary>
internal static class BenchLatencyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var options = new BenchOptions();
        var command = new Command("latency", "Tracking arrival → PoseUpdate on every node's stream, in-process on loopback, against a raw gRPC hop.");
        options.AddTo(command);
        io.SetAction(command, parse =>
        {
            var (nodes, rate, duration) = options.Read(parse);
            BenchStage.PrepareProcess();
            using var scope = new CancelScope(null);
            var (hop, hopCost) = GrpcHopBaseline.RunAsync(nodes, rate.FramesPerSecond, duration, scope.Token).GetAwaiter().GetResult();
            var (run, split, written, runCost) = RunAsync(nodes, rate, duration, scope.Token).GetAwaiter().GetResult();
            var periodUs = 1e6 * rate.Denominator / rate.Numerator;
            var result = new JsonObject
            {
                ["p50Us"] = Math.Round(run.QuantileUs(0.5), 1),
                ["p99Us"] = Math.Round(run.QuantileUs(0.99), 1),
                ["framePeriodUs"] = Math.Round(periodUs, 1),
                ["baselineP99Us"] = Math.Round(hop.QuantileUs(0.99), 1),
                ["samples"] = run.Count,
            };
            if (parse.GetValue(options.Json))
            {
                io.WriteJson(result);
            }
            else
            {
                io.Out.WriteLine(FormattableString.Invariant(
                    $"{nodes} nodes at {rate} fps: arrival → pose on node p50 {run.QuantileUs(0.5):F1} µs, p99 {run.QuantileUs(0.99):F1} µs ({100 * run.QuantileUs(0.99) / periodUs:F2} % of the {periodUs:F1} µs frame period), {run.Count} samples; raw gRPC hop p99 {hop.QuantileUs(0.99):F1} µs"));
                io.Out.WriteLine(FormattableString.Invariant(
                    $"  split: arrival → write start (ingest, fan-out order) p50 {split.ToWrite.QuantileUs(0.5):F1} µs, p99 {split.ToWrite.QuantileUs(0.99):F1} µs; write start → read (Kestrel, loopback TCP, HttpClient, reader) p50 {split.ToRead.QuantileUs(0.5):F1} µs, p99 {split.ToRead.QuantileUs(0.99):F1} µs; arrival → write returned (coordinator's own figure) p99 {written:F1} µs; datagrams land {split.Phase.QuantileUs(0.5):F0} µs after the frame's cue (p50)"));
                io.Out.WriteLine(FormattableString.Invariant($"  coordinator + nodes: {BenchCost.Describe(runCost.Start, runCost.End, rate.FramesPerSecond)}; warm-up {runCost.Warmup.TotalSeconds:F1} s"));
                io.Out.WriteLine(FormattableString.Invariant($"  raw gRPC hop: {BenchCost.Describe(hopCost.Start, hopCost.End, rate.FramesPerSecond)}; warm-up {hopCost.Warmup.TotalSeconds:F1} s"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<(BenchSamples Samples, (BenchSamples ToWrite, BenchSamples ToRead, BenchSamples Phase) Split, double WrittenP99Us, (TimeSpan Warmup, BenchCost Start, BenchCost End) Cost)> RunAsync(int nodeCount, Core.Timing.FrameRate rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var fps = rate.FramesPerSecond;

        // One sample per (measured datagram, node), and a second's worth to spare.
        var perNode = (long)((duration.TotalSeconds + 1) * fps) + 1;
        var samples = new BenchSamples((int)Math.Min(int.MaxValue - 1, perNode * nodeCount));

        // The same samples split at PoseUpdate.sent_mono_ns (the coordinator's clock when it began writing the pose into
        // that node's stream): where the time goes, for the human-readable line.
        var toWrite = new BenchSamples(samples.Capacity);
        var toRead = new BenchSamples(samples.Capacity);

        // Where in the frame the datagrams land: arrival − the write of the frame's cue to node 1 (mod the period). The
        // pacer runs at the frame rate, so this phase is fixed for a run but differs from run to run, and a pose that
        // lands in the frame's burst of cues, FrameReady answers and presents (the first few hundred µs) waits behind it.
        var periodNs = (long)(1e9 * rate.Denominator / rate.Numerator);
        var phase = new BenchSamples((int)perNode);
        var host = await BenchStage.StartAsync(BenchStage.Build(nodeCount, rate), cancellationToken).ConfigureAwait(false);
        SimulatedNode[]? nodes = null;
        long measureFromNs = long.MaxValue;
        (TimeSpan, BenchCost, BenchCost) cost;
        SyncWindow? window = null;
        var writtenP99 = 0.0;
        try
        {
            nodes = await BenchStage.ConnectAsync(host, 1, (node, index) => node.PoseObserver = (pose, arrival) =>
            {
                var stamped = pose.Camera?.ArrivalMonoNs ?? 0;
                if (stamped >= Volatile.Read(ref measureFromNs))
                {
                    var read = BenchSamples.Ns(arrival);
                    samples.Add(read - stamped);
                    if (pose.SentMonoNs >= stamped)
                    {
                        toWrite.Add(pose.SentMonoNs - stamped);
                        toRead.Add(read - pose.SentMonoNs);
                    }

                    if (index == 0 && node.LastCue is { } cue)
                    {
                        phase.Add(((stamped - cue.SentMonoNs) % periodNs + periodNs) % periodNs);
                    }
                }
            }, cancellationToken).ConfigureAwait(false);

            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var target = new IPEndPoint(IPAddress.Loopback, host.TrackingPorts[0]);
            var packet = new byte[FreeDWriter.D1Length];
            cost = await BenchPace.RunWarmedAsync(
                fps,
                duration,
                i =>
                {
                    // A slow pan, so every sample is a new pose.
                    var sample = FreeDSample.FromPose(1, ((i % 3600) * 0.1) - 180, 0, 0, 0, 1500, 0, 0, 0, 0);
                    FreeDWriter.Write(sample, packet);
                    sender.SendTo(packet, target);
                },
                measuring =>
                {
                    window = host.StartSyncWindow();
                    Volatile.Write(ref measureFromNs, BenchSamples.Ns(measuring));
                },
                "bench FreeD pacer",
                cancellationToken).ConfigureAwait(false);

            // Let the last poses arrive.
            await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
            writtenP99 = window?.Read().PoseLatencyP99Us ?? 0;
        }
        finally
        {
            await BenchStage.StopAsync(host, nodes).ConfigureAwait(false);
        }

        return (samples, (toWrite, toRead, phase), writtenP99, cost);
    }
}
