using System.CommandLine;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Coordinator.Simulation;
using StageControl.Core.Timing;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl bench barrier --nodes N --rate R --duration D [--json]</c> →
/// <c>{"frames","framesMissed","skewP99Us","overheadP99Us"}</c> (shared/DESIGN.md "Performance budgets": frame
/// barrier, release skew and missed frames).
/// <list type="bullet">
/// <item>Setup, all in this process on 127.0.0.1: a coordinator for a synthetic stage of N nodes
/// (<see cref="BenchStage"/>) at frame rate R, and N <see cref="SimulatedNode"/>s, each on its own HTTP/2 connection,
/// answering every FrameCue with FrameReady at once (zero render time), all together.</item>
/// <item><c>skewP99Us</c>: per frame, the spread (max − min) of the Present ARRIVAL times across the nodes (each
/// node's stream reader takes a Stopwatch time when the Present comes out; same process, same clock); p99 over the
/// frames that reached every node.</item>
/// <item><c>overheadP99Us</c>: per frame, from the last node's FrameReady send (the latest Stopwatch time taken just
/// before a node wrote its FrameReady) to the last Present arrival at the nodes: what the barrier adds on top of
/// rendering (FrameReady transport, the loop's wake-up, the Present fan-out); p99 over the frames.</item>
/// <item><c>frames</c>: frames presented in the measured window (D, after the warm-up: at least 0.5 s, then until
/// the JIT has settled, <see cref="BenchWarmup"/>).
/// <c>framesMissed</c>: frames presented in the window with a live node not ready (the barrier's own count) plus
/// frame boundaries the loop skipped because it woke too late.</item>
/// </list>
/// </summary>
internal static class BenchBarrierCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var options = new BenchOptions();
        var command = new Command("barrier", "Frame barrier with N simulated nodes answering at once: Present skew across nodes, overhead, missed frames.");
        options.AddTo(command);
        io.SetAction(command, parse =>
        {
            var (nodes, rate, duration) = options.Read(parse);
            BenchStage.PrepareProcess();
            using var scope = new CancelScope(null);
            var r = RunAsync(nodes, rate, duration, scope.Token).GetAwaiter().GetResult();
            var result = new JsonObject
            {
                ["frames"] = r.Frames,
                ["framesMissed"] = r.Missed + r.Skipped,
                ["skewP99Us"] = Math.Round(r.Skew.QuantileUs(0.99), 1),
                ["overheadP99Us"] = Math.Round(r.Overhead.QuantileUs(0.99), 1),
            };
            if (parse.GetValue(options.Json))
            {
                io.WriteJson(result);
            }
            else
            {
                io.Out.WriteLine(FormattableString.Invariant(
                    $"{nodes} nodes at {rate} fps: {r.Frames} frames, {r.Missed + r.Skipped} missed ({r.Missed} at the barrier deadline, {r.Skipped} boundaries skipped); Present skew p50 {r.Skew.QuantileUs(0.5):F1} µs, p99 {r.Skew.QuantileUs(0.99):F1} µs; last ready → present p50 {r.Overhead.QuantileUs(0.5):F1} µs, p99 {r.Overhead.QuantileUs(0.99):F1} µs; spread of the coordinator's Present writes returning p99 {r.WriteSkewP99Us:F1} µs"));
                io.Out.WriteLine(FormattableString.Invariant($"  coordinator + nodes: {BenchCost.Describe(r.CostStart, r.CostEnd, rate.FramesPerSecond)}; warm-up {r.Warmup.TotalSeconds:F1} s"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<BarrierRun> RunAsync(int nodeCount, FrameRate rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var capacity = (int)((duration.TotalSeconds + 1) * rate.FramesPerSecond) + 256;
        var record = new FrameRecord(nodeCount, capacity);
        var host = await BenchStage.StartAsync(BenchStage.Build(nodeCount, rate), cancellationToken).ConfigureAwait(false);
        SimulatedNode[]? nodes = null;
        long frames, missed, skipped, first, last;
        BenchCost costStart, costEnd;
        TimeSpan warmup;
        double writeSkew;
        try
        {
            nodes = await BenchStage.ConnectAsync(host, 1, (node, i) =>
            {
                node.PresentObserver = (present, arrival) => record.Present(i, present.Frame, arrival);
                node.ReadyObserver = (frame, sent) => record.Ready(i, frame, sent);
            }, cancellationToken).ConfigureAwait(false);

            warmup = await BenchWarmup.UntilSteadyAsync(duration, cancellationToken).ConfigureAwait(false);
            first = host.CurrentFrame + 1;
            var presented = host.FramesPresented;
            var missedBefore = host.FramesMissed;
            var skippedBefore = host.FramesSkipped;
            costStart = BenchCost.Now();
            var window = host.StartSyncWindow();
            try
            {
                await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: report the frames so far.
            }

            costEnd = BenchCost.Now();
            writeSkew = window.Read().BarrierSkewP99Us;
            last = host.CurrentFrame - 1;
            frames = host.FramesPresented - presented;
            missed = host.FramesMissed - missedBefore;
            skipped = host.FramesSkipped - skippedBefore;

            // Let the last presents arrive.
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await BenchStage.StopAsync(host, nodes).ConfigureAwait(false);
        }

        var (skew, overhead) = record.Figures(first, last);
        return new BarrierRun(frames, missed, skipped, skew, overhead, writeSkew, costStart, costEnd, warmup);
    }

    /// <summary>What one run measured.</summary>
    private sealed record BarrierRun(long Frames, long Missed, long Skipped, BenchSamples Skew, BenchSamples Overhead, double WriteSkewP99Us, BenchCost CostStart, BenchCost CostEnd, TimeSpan Warmup);

    /// <summary>Per node and frame (a ring of <c>capacity</c> frames): Present arrival and FrameReady send times.</summary>
    private sealed class FrameRecord(int nodes, int capacity)
    {
        private readonly long[] _presentFrame = Filled(nodes * capacity);
        private readonly long[] _presentAt = new long[nodes * capacity];
        private readonly long[] _readyFrame = Filled(nodes * capacity);
        private readonly long[] _readyAt = new long[nodes * capacity];

        public void Present(int node, long frame, long at)
        {
            var i = Slot(node, frame);
            _presentAt[i] = at;
            Volatile.Write(ref _presentFrame[i], frame);
        }

        public void Ready(int node, long frame, long at)
        {
            var i = Slot(node, frame);
            _readyAt[i] = at;
            Volatile.Write(ref _readyFrame[i], frame);
        }

        /// <summary>Skew and overhead samples of frames <paramref name="first"/>..<paramref name="last"/>.</summary>
        public (BenchSamples Skew, BenchSamples Overhead) Figures(long first, long last)
        {
            var count = (int)Math.Clamp(last - first + 1, 0, capacity);
            var skew = new BenchSamples(Math.Max(count, 1));
            var overhead = new BenchSamples(Math.Max(count, 1));
            for (var frame = Math.Max(first, last - capacity + 1); frame <= last; frame++)
            {
                long minPresent = long.MaxValue, maxPresent = long.MinValue, maxReady = long.MinValue;
                var reached = 0;
                for (var node = 0; node < nodes; node++)
                {
                    var i = Slot(node, frame);
                    if (Volatile.Read(ref _presentFrame[i]) == frame)
                    {
                        reached++;
                        minPresent = Math.Min(minPresent, _presentAt[i]);
                        maxPresent = Math.Max(maxPresent, _presentAt[i]);
                    }

                    if (Volatile.Read(ref _readyFrame[i]) == frame)
                    {
                        maxReady = Math.Max(maxReady, _readyAt[i]);
                    }
                }

                if (reached == nodes)
                {
                    skew.Add(BenchSamples.Ns(maxPresent - minPresent));
                    if (maxReady != long.MinValue)
                    {
                        overhead.Add(BenchSamples.Ns(maxPresent - maxReady));
                    }
                }
            }

            return (skew, overhead);
        }

        private int Slot(int node, long frame) => (node * capacity) + (int)(((frame % capacity) + capacity) % capacity);

        private static long[] Filled(int length)
        {
            var a = new long[length];
            Array.Fill(a, long.MinValue);
            return a;
        }
    }
}
