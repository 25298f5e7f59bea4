using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Node;
using StageControl.Render;
using StageControl.Render.Scenes;
using StageControl.Render.Scenes.Gltf;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl node --coordinator URL --name NAME [--token T] [--require-gpu] [--out DIR] [--png-interval 1s]
/// [--snapshot-every K] [--raw FILE] [--scene FILE.glb] [--sweep-step DEG] [--exit-with-parent PID] [--json]</c>: runs a
/// render node (<see cref="NodeRuntime"/>) until Ctrl-C, SIGTERM, the coordinator's Shutdown or, with
/// <c>--exit-with-parent PID</c>, that process's end (noticed within about a second; <see cref="ParentProcessWatch"/>):
/// exit 0 each. <c>stagectl demo</c> passes its own PID so that its nodes do not outlive a demo killed with SIGKILL. Logs GL_RENDERER at start, a line on join and on
/// every reconnect, and a line per second (frames rendered/presented, render ms p50/p99, read-back ms, cue→ready ms,
/// skipped cues). With <c>--json</c> the per-second figures are JSON lines on stdout and the other lines go to stderr.
/// <para>
/// An unreachable coordinator is not an error: the node keeps retrying with exponential backoff (1 s … 10 s, with
/// jitter), printing a line per attempt, until it can join or is stopped. A refusal that retrying cannot fix (a name
/// that is not in the stage, a bad token) exits 1, as does <c>--require-gpu</c> on a software renderer (the message
/// names the renderer), missing EGL, or an unreadable <c>--scene</c>.
/// </para>
/// </summary>
internal static class NodeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var coordinator = new Option<string>("--coordinator") { Description = "Coordinator gRPC URL, e.g. http://127.0.0.1:50051.", Required = true };
        var name = new Option<string>("--name") { Description = "This node's name in the stage config (e.g. node-1).", Required = true };
        var token = new Option<string?>("--token") { Description = "Bearer token sent as 'authorization: Bearer T'." };
        var requireGpu = new Option<bool>("--require-gpu") { Description = "Exit 1 when the renderer is a software rasteriser (llvmpipe)." };
        var outDir = new Option<string?>("--out") { Description = "Write each panel's newest presented frame as DIR/<node>/<panel>.png (+ preview/)." };
        var pngInterval = new Option<string>("--png-interval") { Description = "How often the panel PNGs are rewritten (15s, 500ms, 1s).", DefaultValueFactory = _ => "1s" };
        var snapshotEvery = new Option<int>("--snapshot-every") { Description = "Also keep DIR/frames/<frame>/<panel>.png for presented frames with frame % K == 0." };
        var raw = new Option<string?>("--raw") { Description = "Append every presented frame to this raw RGBA stream (e.g. /dev/shm/node-1.raw)." };
        var scene = new Option<string?>("--scene") { Description = "A glTF .glb drawn inside the default scene." };
        var sweep = new Option<double?>("--sweep-step") { Description = "Degrees per frame of the default scene's sweep bar (0.5); raise it at a low --rate so the bar crosses the wall in seconds. Every node of a stage must use the same value." };
        var exitWithParent = new Option<int?>("--exit-with-parent") { Description = "Stop (exit 0) within about a second of the process with this PID ending (stagectl demo passes its own)." };
        var json = new Option<bool>("--json") { Description = "Per-second figures as one JSON object per line on stdout." };
        var command = new Command("node", "Run a render node: join the coordinator, render the cued frames of its panels, present them, write outputs.");
        foreach (var option in new Option[] { coordinator, name, token, requireGpu, outDir, pngInterval, snapshotEvery, raw, scene, sweep, exitWithParent, json })
        {
            command.Options.Add(option);
        }

        io.SetAction(command, parse =>
        {
            var uri = RpcCliText.ParseCoordinator(parse.GetValue(coordinator)!, "--coordinator");
            var nodeName = parse.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(nodeName))
            {
                throw new CliUsageException("--name must not be empty.");
            }

            var interval = ParseInterval(parse.GetValue(pngInterval));
            var k = parse.GetValue(snapshotEvery);
            if (k < 0)
            {
                throw new CliUsageException("--snapshot-every must be 0 (off) or a positive number of frames.");
            }

            var dir = parse.GetValue(outDir);
            if (k > 0 && dir is null)
            {
                throw new CliUsageException("--snapshot-every needs --out DIR.");
            }

            SceneContent? extra = null;
            if (parse.GetValue(scene) is { } scenePath)
            {
                try
                {
                    extra = GlbLoader.LoadFile(scenePath);
                }
                catch (InvalidDataException e)
                {
                    throw new CliInputException($"--scene: {e.Message}");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliInputException($"--scene: cannot read {scenePath}: {e.Message}");
                }
            }

            var sceneOptions = new DefaultSceneOptions();
            if (parse.GetValue(sweep) is { } step)
            {
                if (!(step > 0) || step > 160)
                {
                    throw new CliUsageException("--sweep-step must be more than 0 and at most 160 degrees per frame.");
                }

                sceneOptions = sceneOptions with { BarDegreesPerFrame = step };
            }

            var parentPid = parse.GetValue(exitWithParent);
            if (parentPid is <= 0)
            {
                throw new CliUsageException("--exit-with-parent must be a process id (a positive number).");
            }

            return Run(io, parse.GetValue(json), parentPid, new NodeRuntimeOptions
            {
                Coordinator = uri,
                Name = nodeName,
                Token = parse.GetValue(token),
                RequireGpu = parse.GetValue(requireGpu),
                OutputDirectory = dir,
                PngInterval = interval,
                SnapshotEvery = k,
                RawPath = parse.GetValue(raw),
                SceneFactory = () => new DefaultScene(sceneOptions, extra),
            });
        });
        return command;
    }

    private static TimeSpan ParseInterval(string? text)
    {
        var interval = DurationText.Parse(text, "--png-interval");
        return interval > TimeSpan.Zero ? interval : throw new CliUsageException("--png-interval must be positive.");
    }

    private static int Run(CliIo io, bool json, int? parentPid, NodeRuntimeOptions options)
    {
        var gate = new Lock();
        var human = json ? io.Error : io.Out;
        void Say(string line)
        {
            lock (gate)
            {
                human.WriteLine($"{options.Name}: {line}");
                human.Flush();
            }
        }

        void Figures(NodeStatsSnapshot s, bool final)
        {
            lock (gate)
            {
                if (json)
                {
                    io.WriteJson(ToJson(s, final));
                    io.Out.Flush();
                }
                else if (!final)
                {
                    io.Out.WriteLine(Describe(s));
                    io.Out.Flush();
                }
            }
        }

        ProcessTuning.ForFrameTiming(minThreads: 16, sustainedLowLatencyGc: false);
        using var scope = new CancelScope(null);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(scope.Token);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        using var parent = parentPid is { } pid ? new ParentProcessWatch(pid) : null;
        using var parentGone = parent?.Gone.Register(() =>
        {
            Say($"process {parent.Pid} (--exit-with-parent) has ended; stopping");
            stop.Cancel();
        });

        var runtime = new NodeRuntime(options with { Log = Say, StatsObserver = s => Figures(s, final: false) });
        try
        {
            try
            {
                runtime.StartGraphics();
            }
            catch (GraphicsException e)
            {
                throw new CliInputException("rendering is not available: " + e.Message);
            }

            Say($"connecting to {options.Coordinator} (retrying until it answers; Ctrl-C to stop)");
            NodeExitReason reason;
            try
            {
                reason = runtime.RunAsync(stop.Token).GetAwaiter().GetResult();
            }
            catch (NodeJoinRefusedException e)
            {
                throw new CliInputException(e.Message);
            }
            catch (GraphicsException e)
            {
                throw new CliInputException("rendering failed: " + e.Message);
            }

            Say(reason == NodeExitReason.Shutdown ? "stopped by the coordinator's Shutdown" : "stopped");
        }
        finally
        {
            runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var totals = runtime.Totals;
        Figures(totals, final: true);
        if (!json)
        {
            Say(string.Create(CultureInfo.InvariantCulture,
                $"{totals.FramesRendered} frames rendered, {totals.FramesPresented} presented, {totals.CuesSkipped} cues skipped, {totals.PresentsWithoutFrame} presents without frame, {totals.OutputsDropped} outputs dropped, {totals.Reconnects} reconnects"));
        }

        return ExitCodes.Ok;
    }

    private static string Describe(NodeStatsSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Node}: {Rate(s.IntervalRendered, s.IntervalSeconds):F1} fps rendered, {Rate(s.IntervalPresented, s.IntervalSeconds):F1} presented (total {s.FramesRendered}/{s.FramesPresented}); render {Ms(s.RenderMsP50)}/{Ms(s.RenderMsP99)} ms p50/p99, read-back {Ms(s.ReadbackMsP50)} ms, cue→ready {Ms(s.CueToReadyMsP50)}/{Ms(s.CueToReadyMsP99)} ms; skipped {s.CuesSkipped}{(s.Connected ? string.Empty : "; not connected")}");

    private static JsonObject ToJson(NodeStatsSnapshot s, bool final) => new()
    {
        ["node"] = s.Node,
        ["connected"] = s.Connected,
        ["final"] = final,
        ["framesRendered"] = s.FramesRendered,
        ["framesPresented"] = s.FramesPresented,
        ["cuesSkipped"] = s.CuesSkipped,
        ["presentsWithoutFrame"] = s.PresentsWithoutFrame,
        ["outputsWritten"] = s.OutputsWritten,
        ["outputsDropped"] = s.OutputsDropped,
        ["reconnects"] = s.Reconnects,
        ["renderedPerSecond"] = Round(Rate(s.IntervalRendered, s.IntervalSeconds)),
        ["presentedPerSecond"] = Round(Rate(s.IntervalPresented, s.IntervalSeconds)),
        ["renderMsP50"] = Round(s.RenderMsP50),
        ["renderMsP99"] = Round(s.RenderMsP99),
        ["readbackMsP50"] = Round(s.ReadbackMsP50),
        ["cueToReadyMsP50"] = Round(s.CueToReadyMsP50),
        ["cueToReadyMsP99"] = Round(s.CueToReadyMsP99),
    };

    private static double Rate(long count, double seconds) => seconds > 0 ? count / seconds : 0;

    private static JsonNode? Round(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 2)) : null;

    private static string Ms(double value) => double.IsFinite(value) ? value.ToString("F1", CultureInfo.InvariantCulture) : "-";
}
