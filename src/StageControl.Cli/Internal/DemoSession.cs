// One run of `stagectl demo`: coordinator in-process, render-node child processes, simulated tracker, progress,
// clean stop, overview and summary.
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using StageControl.Coordinator;
using StageControl.Coordinator.Frames;
using StageControl.Core.Geometry;
using StageControl.Core.Stage;
using StageControl.Core.Timing;
using NodeState = StageControl.Protos.V1.NodeState;
using StatusSnapshot = StageControl.Protos.V1.StatusSnapshot;
using StageControl.Render;
using StageControl.Render.Scenes;

namespace StageControl.Cli.Internal;

/// <summary>
/// Runs the demo:
/// <list type="number">
/// <item>Picks the frame rate: <c>--rate</c>, else the config's when the renderer (probed in-process with a one-panel
/// EGL context) is a GPU, else <see cref="SoftwareRate"/>: Mesa llvmpipe on a 2-core machine cannot render the demo
/// volume (304 panels, ≈9.2 Mpx over 4 node processes) at 23.976 fps. Measured on a 2-vCPU VM shared with other
/// builds (load 8-19): node frames take 30-200 ms without the inner frustum and up to ~500 ms with it under load; at 4/1
/// (187 ms barrier deadline) 8 of 74 frames were missed.</item>
/// <item>Starts the coordinator on 127.0.0.1 (gRPC on a free port, HTTP on <c>--http</c> or 127.0.0.1:8080, a free
/// port with a note when the default is taken, tracking on a free UDP port), then one <c>stagectl node</c> process per
/// configured node (<c>--out DIR --png-interval 1s --exit-with-parent</c> this process, so that a demo killed with SIGKILL
/// leaves no node running; logs in <c>DIR/logs/&lt;node&gt;.log</c>) and the simulated
/// FreeD tracker (<see cref="DemoTracker"/>) at the frame rate.</item>
/// <item>Prints one progress line a second. Nodes start at different times (process start, EGL, JIT), so the
/// summary's window opens <see cref="SettleFrames"/> frames after every node is live at once (their first draws
/// compile shaders), with <see cref="CoordinatorHost.StartSyncWindow"/>; if that never happens it covers the whole run
/// and says so. A node process that dies is reported (name, exit code, last stderr
/// lines) and the demo goes on.</item>
/// <item>At the end of the duration, on Ctrl-C or on SIGTERM: stops the tracker, the coordinator sends Shutdown to the
/// nodes, each node gets <see cref="ChildExitWait"/> to exit, then SIGTERM and as long again before it is killed
/// (always by its own PID), then
/// <c>DIR/overview.png</c> is stitched (<see cref="OverviewImage"/>) and the summary printed.</item>
/// </list>
/// Exit 0, or 1 when no frame was presented at all (with the reasons printed above it).
/// </summary>
internal sealed class DemoSession(CliIo io, DemoSettings settings)
{
    /// <summary>
    /// The rate used on a software renderer: 2 fps with four or more cores, 1 fps with fewer. With the tracked camera's
    /// inner frustum on the wall, a demo-volume node frame on llvmpipe takes 100-270 ms on a quiet 2-vCPU machine and
    /// peaks near 500 ms when the machine is loaded, four node processes sharing two cores.
    /// </summary>
    public static FrameRate SoftwareRate { get; } = Environment.ProcessorCount >= 4 ? new(2, 1) : new(1, 1);

    /// <summary>
    /// The barrier deadline at <see cref="SoftwareRate"/>: 90 % of its period instead of the default 75 %: the present then
    /// still leaves a tenth of the period before the next boundary.
    /// </summary>
    public static TimeSpan SoftwareBarrierTimeout { get; } = TimeSpan.FromSeconds(0.9 * SoftwareRate.Denominator / SoftwareRate.Numerator);

    /// <summary>How long the node processes get to exit after the coordinator's Shutdown, and again after SIGTERM.</summary>
    public static readonly TimeSpan ChildExitWait = TimeSpan.FromSeconds(5);

    /// <summary>Frames after every node is live before the summary's window opens (the nodes' warm-up).</summary>
    public const int SettleFrames = 2;

    /// <summary>The default scene's sweep bar speed at the config's rate, degrees per frame.</summary>
    private const double DefaultSweepStep = 0.5;

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, NodeBarrierState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _died = new(StringComparer.Ordinal);
    private readonly List<NodeProcess> _nodes = [];
    private readonly DateTime _started = DateTime.UtcNow;
    private CoordinatorHost? _host;
    private SyncWindow? _window;
    private bool _allLive;
    private double _liveAfterS;
    private int _stopping;

    /// <summary>Picks the frame rate and says why.</summary>
    public static (FrameRate Rate, string Why) ChooseRate(FrameRate configRate, FrameRate? requested, RendererInfo? renderer)
    {
        if (requested is { } rate)
        {
            return (rate, "--rate");
        }

        if (renderer is { IsSoftware: true })
        {
            return (SoftwareRate, $"software renderer {renderer.Renderer}; the config's {configRate} is for GPUs (--rate overrides)");
        }

        return (configRate, "the config's rate");
    }

    /// <summary>The sweep bar step that keeps the bar's speed in degrees per second at <paramref name="rate"/>.</summary>
    public static double SweepStep(FrameRate configRate, FrameRate rate) =>
        Math.Clamp(DefaultSweepStep * configRate.FramesPerSecond / rate.FramesPerSecond, 0.01, 160);

    /// <summary>Runs the demo; returns the exit code.</summary>
    public int Run()
    {
        var config = settings.Config;

        ProcessTuning.ForFrameTiming(minThreads: 32, sustainedLowLatencyGc: false);
        using var scope = new CancelScope(settings.Duration);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(scope.Token);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        Directory.CreateDirectory(settings.OutDirectory);
        Say($"demo: stage '{config.Name}' from {settings.ConfigSource}: {config.Nodes.Count} node(s), {config.PanelCount} panels, {config.Cameras.Count} camera(s)");
        var renderer = settings.Rate is null ? ProbeRenderer() : null;
        var (rate, why) = ChooseRate(config.FrameRate, settings.Rate, renderer);
        Say(string.Create(CultureInfo.InvariantCulture, $"demo: frame rate {rate} ({rate.FramesPerSecond:0.###} fps): {why}"));

        var host = StartCoordinator(rate, stop.Token);
        if (host is null)
        {
            return ExitCodes.Ok;
        }

        _host = host;
        var whole = host.StartSyncWindow();
        DemoTracker? tracker = null;
        try
        {
            host.NodeStateChanged += OnNodeStateChanged;
            Say($"demo: coordinator gRPC {host.GrpcUri.GetLeftPart(UriPartial.Authority)}; dashboard {new Uri(host.HttpUri, "/")}");
            Say($"demo: writing frames under {settings.OutDirectory}");
            StartNodes(host, config, rate);
            if (config.Cameras.Count > 0 && host.TrackingPorts.Count > 0)
            {
                var camera = config.Cameras[0];
                // A tracker runs at the camera's project rate (the config's), not at the render rate the demo picked for a
                // software renderer: at 2 Hz every sample would be older than the 250 ms staleness limit before the next one.
                var trackerHz = Math.Max(rate.FramesPerSecond, config.FrameRate.FramesPerSecond);
                tracker = new DemoTracker(new IPEndPoint(IPAddress.Loopback, host.TrackingPorts[0]), (byte)camera.Tracking.CameraId, trackerHz);
                tracker.Start();
                Say(string.Create(CultureInfo.InvariantCulture,
                    $"demo: simulated tracker: FreeD camera {camera.Tracking.CameraId} ({camera.Name}) orbiting, {trackerHz:0.###} Hz to UDP 127.0.0.1:{host.TrackingPorts[0]}"));
            }

            Say(string.Create(CultureInfo.InvariantCulture, $"demo: running for {settings.Duration.TotalSeconds:0.#} s; Ctrl-C to stop"));
            while (!stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
            {
                Progress(host, tracker);
            }

            Interlocked.Exchange(ref _stopping, 1);
            Say(scope.Interrupted || !scope.Token.IsCancellationRequested ? "demo: stopping (interrupted)" : "demo: stopping (duration reached)");
            SyncWindow counted;
            lock (_gate)
            {
                counted = _window ?? whole;
            }

            var figures = counted.Read();
            var liveNow = CountLive(host.GetStatus());
            tracker?.Stop();
            StopEverything(host);
            var overview = OverviewImage.Write(config, settings.OutDirectory, Path.Combine(settings.OutDirectory, "overview.png"));
            return Summarise(figures, counted == _window, liveNow, rate, overview);
        }
        finally
        {
            Interlocked.Exchange(ref _stopping, 1);
            tracker?.Dispose();
            host.NodeStateChanged -= OnNodeStateChanged;
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            foreach (var node in _nodes)
            {
                node.Kill();
                node.Dispose();
            }
        }
    }

    private static RendererInfo ProbeRenderer()
    {
        // One tiny panel is enough to open the EGL display the nodes will open and read GL_RENDERER.
        var quad = new PanelQuad("probe", new Vec3(-0.5, 0, -3), new Vec3(0.5, 0, -3), new Vec3(-0.5, 1, -3), 16, 16);
        try
        {
            using var renderer = StageRenderer.Create([quad], new DefaultScene());
            return renderer.Info;
        }
        catch (GraphicsException e)
        {
            throw new CliInputException($"rendering is not available: {e.Message} (on Debian: bash tests/prereqs.d/gl.sh installs libegl1 and libgl1-mesa-dri)");
        }
    }

    private CoordinatorHost? StartCoordinator(FrameRate rate, CancellationToken cancellationToken)
    {
        CoordinatorOptions Options(IPEndPoint http) => new()
        {
            Config = settings.Config,
            FrameRate = rate,
            BarrierTimeout = rate.Equals(SoftwareRate) ? SoftwareBarrierTimeout : null,
            Grpc = new IPEndPoint(IPAddress.Loopback, 0),
            Http = http,
            TrackingPort = 0,
            TrackingAddress = IPAddress.Loopback,
            StateDirectory = settings.StateDirectory,
        };

        try
        {
            try
            {
                return CoordinatorHost.StartAsync(Options(settings.Http), null, cancellationToken).GetAwaiter().GetResult();
            }
            catch (CoordinatorStartException e) when (settings.HttpIsDefault && e.Message.Contains("HTTP endpoint", StringComparison.Ordinal))
            {
                Say($"demo: {settings.Http} is taken; the dashboard gets a free port instead (--http HOST:PORT picks one)");
                return CoordinatorHost.StartAsync(Options(new IPEndPoint(settings.Http.Address, 0)), null, cancellationToken).GetAwaiter().GetResult();
            }
        }
        catch (CoordinatorStartException e)
        {
            throw new CliInputException(e.Message);
        }
        catch (OperationCanceledException)
        {
            Say("demo: stopped before the coordinator started");
            return null;
        }
    }

    private void StartNodes(CoordinatorHost host, StageConfig config, FrameRate rate)
    {
        var sweep = SweepStep(config.FrameRate, rate).ToString("0.###", CultureInfo.InvariantCulture);
        var grpc = host.GrpcUri.GetLeftPart(UriPartial.Authority);

        // A demo killed with SIGKILL cannot stop its nodes; they stop themselves when this process is gone.
        var parentPid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var node in config.Nodes)
        {
            var log = Path.Combine(settings.OutDirectory, "logs", node.Name + ".log");
            var process = NodeProcess.Start(node.Name,
                ["node", "--coordinator", grpc, "--name", node.Name, "--out", settings.OutDirectory, "--png-interval", "1s", "--sweep-step", sweep,
                    "--exit-with-parent", parentPid],
                log, OnNodeExited);
            lock (_gate)
            {
                _nodes.Add(process);
            }

            Say(string.Create(CultureInfo.InvariantCulture, $"demo: node {node.Name} started (pid {process.Pid}); log {log}"));
        }
    }

    private void OnNodeStateChanged(NodeStateChange change)
    {
        _states[change.Node] = change.To;
        var what = change.To switch
        {
            NodeBarrierState.Live when change.From == NodeBarrierState.Lagging => "is back in the barrier",
            NodeBarrierState.Live => "is live",
            NodeBarrierState.Lagging => "is lagging (out of the barrier)",
            NodeBarrierState.Disconnected => "left",
            _ => null,
        };
        if (what is not null && Volatile.Read(ref _stopping) == 0)
        {
            Say($"demo: node {change.Node} {what}");
        }

        if (change.To != NodeBarrierState.Live || Volatile.Read(ref _allLive))
        {
            return;
        }

        foreach (var node in settings.Config.Nodes)
        {
            if (!_states.TryGetValue(node.Name, out var state) || state != NodeBarrierState.Live)
            {
                return;
            }
        }

        lock (_gate)
        {
            if (_allLive || _host is null)
            {
                return;
            }

            _allLive = true;
            _liveAfterS = (DateTime.UtcNow - _started).TotalSeconds;
        }

        var host = _host;
        var from = host.CurrentFrame + SettleFrames;
        Say(string.Create(CultureInfo.InvariantCulture,
            $"demo: all {settings.Config.Nodes.Count} nodes live after {_liveAfterS:0.0} s; the summary counts from frame {from}"));
        _ = Task.Run(async () =>
        {
            // Skip the first frames after the last node went live: a node's first draws compile llvmpipe's shaders
            // (shared/notes/gl-headless.md §5 item 11). Polled: a frame period is hundreds of ms at the demo's rates.
            while (host.CurrentFrame < from && Volatile.Read(ref _stopping) == 0)
            {
                await Task.Delay(5).ConfigureAwait(false);
            }

            lock (_gate)
            {
                if (Volatile.Read(ref _stopping) == 0)
                {
                    _window = host.StartSyncWindow();
                }
            }
        });
    }

    private void OnNodeExited(NodeProcess node, int code)
    {
        if (Volatile.Read(ref _stopping) != 0)
        {
            return;
        }

        if (code == 0)
        {
            Say($"demo: node {node.Name} (pid {node.Pid}) stopped with exit code 0");
            return;
        }

        _died.TryAdd(node.Name, 0);
        var tail = node.StderrTail();
        var which = "last stderr lines";
        if (tail.Count == 0)
        {
            // A node writes its own progress to stdout; when it died without a word on stderr, show where it was.
            tail = node.OutputTail();
            which = "no stderr output; last output lines";
        }

        var lines = tail.Count == 0 ? " (no output)" : ":" + Environment.NewLine + string.Join(Environment.NewLine, tail.Select(l => "    " + l));
        Say(string.Create(CultureInfo.InvariantCulture,
            $"demo: node {node.Name} (pid {node.Pid}) died with exit code {code}; the demo goes on without it; {which}{lines}"));
    }

    private void Progress(CoordinatorHost host, DemoTracker? tracker)
    {
        var status = host.GetStatus();
        var sync = status.Sync;
        long samples = 0;
        foreach (var source in status.Sources)
        {
            samples += source.Packets;
        }

        var elapsed = (DateTime.UtcNow - _started).TotalSeconds;
        var sent = tracker is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({tracker.Sent} sent)");
        Say(string.Create(CultureInfo.InvariantCulture,
            $"{elapsed,5:0} s  frame {status.Frame}: {sync.FramesPresented} presented, {sync.FramesMissed} missed; nodes live {CountLive(status)}/{status.Nodes.Count}; tracking {samples} samples{sent}"));
    }

    private static int CountLive(StatusSnapshot status)
    {
        var live = 0;
        foreach (var node in status.Nodes)
        {
            if (node.State == NodeState.Live)
            {
                live++;
            }
        }

        return live;
    }

    /// <summary>Shutdown to the nodes (the coordinator's stop), a bounded wait for each, then a kill by PID.</summary>
    private void StopEverything(CoordinatorHost host)
    {
        try
        {
            host.StopAsync().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopping anyway.
        }

        List<NodeProcess> nodes;
        lock (_gate)
        {
            nodes = [.. _nodes];
        }

        // Shutdown normally ends every node; one that missed it (e.g. mid-reconnect) gets SIGTERM, which a node also
        // treats as a clean stop; only one that ignores both is killed. Each step is bounded, and only our PIDs are signalled.
        var left = WaitForExits(nodes, ChildExitWait);
        foreach (var node in left)
        {
            if (PosixSignals.Terminate(node.Pid))
            {
                Say(string.Create(CultureInfo.InvariantCulture,
                    $"demo: node {node.Name} (pid {node.Pid}) did not exit within {ChildExitWait.TotalSeconds:0} s of Shutdown; sent SIGTERM"));
            }
        }

        foreach (var node in WaitForExits(left, ChildExitWait))
        {
            if (node.Kill())
            {
                Say(string.Create(CultureInfo.InvariantCulture,
                    $"demo: node {node.Name} (pid {node.Pid}) did not exit within {ChildExitWait.TotalSeconds:0} s of SIGTERM; killed"));
            }
        }

        foreach (var node in nodes)
        {
            if (node.HasExited && node.ExitCode != 0 && !_died.ContainsKey(node.Name))
            {
                Say(string.Create(CultureInfo.InvariantCulture, $"demo: node {node.Name} (pid {node.Pid}) ended with exit code {node.ExitCode}"));
            }
        }

        Say("demo: coordinator and nodes stopped");
    }

    /// <summary>Waits (at most <paramref name="timeout"/> in all) for the nodes to exit; returns those still running.</summary>
    private static List<NodeProcess> WaitForExits(List<NodeProcess> nodes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var running = new List<NodeProcess>();
        foreach (var node in nodes)
        {
            var left = deadline - DateTime.UtcNow;
            if (!node.WaitForExit(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                running.Add(node);
            }
        }

        return running;
    }

    private int Summarise(SyncWindowFigures f, bool fromAllLive, int liveNodes, FrameRate rate, OverviewResult overview)
    {
        var config = settings.Config;
        var inv = CultureInfo.InvariantCulture;
        var window = fromAllLive
            ? string.Create(inv, $"over {f.Seconds:0.0} s from {SettleFrames} frames after all {config.Nodes.Count} nodes were live ({_liveAfterS:0.0} s after start)")
            : Volatile.Read(ref _allLive)
                ? string.Create(inv, $"over the whole run ({f.Seconds:0.0} s): it stopped during the nodes' warm-up")
                : string.Create(inv, $"over the whole run ({f.Seconds:0.0} s): the nodes were never all live at once; see the node logs under {Path.Combine(settings.OutDirectory, "logs")}");
        Say($"demo summary {window}:");
        Say(string.Create(inv, $"  frames      {f.FramesPresented} presented, {f.FramesMissed} missed at {rate} fps"));
        Say(string.Create(inv, $"  stage       {liveNodes} of {config.Nodes.Count} nodes live at the end, {config.PanelCount} panels"));
        Say(string.Create(inv, $"  tracking    {f.TrackingSamples} samples; pose latency p99 {f.PoseLatencyP99Us:0} µs (arrival → node streams)"));
        Say(string.Create(inv, $"  barrier     skew p99 {f.BarrierSkewP99Us:0} µs (first → last Present written)"));
        Say($"  frames      {settings.OutDirectory}{Path.DirectorySeparatorChar}<node>{Path.DirectorySeparatorChar}<wall>{Path.DirectorySeparatorChar}<panel>.png");
        Say(string.Create(inv, $"  overview    {Path.Combine(settings.OutDirectory, "overview.png")} ({overview.Width}×{overview.Height}, {overview.Placed} panels{(overview.Missing > 0 ? $", {overview.Missing} without a PNG" : string.Empty)})"));
        if (settings.Json)
        {
            lock (_gate)
            {
                io.WriteJson(new JsonObject
                {
                    ["framesPresented"] = f.FramesPresented,
                    ["framesMissed"] = f.FramesMissed,
                    ["nodes"] = liveNodes,
                    ["panels"] = config.PanelCount,
                    ["trackingSamples"] = f.TrackingSamples,
                    ["latencyP99Us"] = Math.Round(f.PoseLatencyP99Us, 1),
                    ["barrierSkewP99Us"] = Math.Round(f.BarrierSkewP99Us, 1),
                });
                io.Out.Flush();
            }
        }

        if (f.FramesPresented == 0)
        {
            io.Error.WriteLine("demo: no frame was presented (see the node lines above and the logs under " + Path.Combine(settings.OutDirectory, "logs") + ")");
            return ExitCodes.BadInput;
        }

        return ExitCodes.Ok;
    }

    /// <summary>A progress or report line: stdout, or stderr with --json (stdout then holds only the summary).</summary>
    private void Say(string line)
    {
        var writer = settings.Json ? io.Error : io.Out;
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
