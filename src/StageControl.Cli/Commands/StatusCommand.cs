using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Spectre.Console;
using StageControl.Cli.Internal;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl status --coordinator URL [--json] [--token T] [--ca F]</c>: one <c>StatusService.GetStatus</c> call (5 s deadline). Without
/// <c>--json</c>: tables of nodes, cameras and tracking sources and a sync line; with it: the snapshot as one JSON line
/// (protobuf JSON mapping, camelCase, default values included). An unreachable coordinator, a refused token or an
/// untrusted certificate exits 1. <c>--token</c> goes out as <c>authorization: Bearer T</c>; <c>--ca</c> trusts that
/// certificate only for an <c>https://</c> coordinator.
/// </summary>
internal static class StatusCommand
{
    private static readonly JsonFormatter s_json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var coordinator = new Option<string>("--coordinator") { Description = "Coordinator gRPC URL, e.g. http://127.0.0.1:50051.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the status snapshot as one JSON line." };
        var token = new Option<string?>("--token") { Description = "Bearer token (stagectl token issue) for a coordinator with a token secret." };
        var ca = new Option<string?>("--ca") { Description = "For an https coordinator with a self-signed certificate: trust this certificate (PEM) only." };
        var command = new Command("status", "Show a coordinator's stage, nodes, cameras, tracking sources and sync health.");
        command.Options.Add(coordinator);
        command.Options.Add(json);
        command.Options.Add(token);
        command.Options.Add(ca);
        io.SetAction(command, parse =>
        {
            var text = parse.GetValue(coordinator)!;
            var uri = RpcCliText.ParseCoordinator(text, "--coordinator");
            var headers = SecurityCliText.BearerHeaders(parse.GetValue(token));
            using var trusted = parse.GetValue(ca) is { } caPath ? SecurityCliText.LoadCa(caPath, "--ca") : null;
            var snapshot = Fetch(uri, text, headers, trusted);
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(s_json.Format(snapshot));
            }
            else
            {
                WriteTables(io, snapshot);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static StatusSnapshot Fetch(Uri uri, string text, Metadata? headers, X509Certificate2? trusted) =>
        CoordinatorCall.Invoke(uri, text, headers, trusted,
            (invoker, options) => new StatusService.StatusServiceClient(invoker).GetStatusAsync(new GetStatusRequest(), options));

    private static void WriteTables(CliIo io, StatusSnapshot s)
    {
        var console = io.CreateTableConsole();

        var inv = CultureInfo.InvariantCulture;
        console.WriteLine(string.Create(inv,
            $"Stage '{s.StageName}' at {s.Rate?.Numerator}/{s.Rate?.Denominator} fps, frame {s.Frame}, up {s.UptimeS:0.0} s, active camera {s.Operator?.ActiveCamera}"));

        var nodes = new Table { Title = new TableTitle("Nodes") };
        nodes.AddColumns("node", "state", "missed", "render ms", "panels", "cues dropped", "last seen ms", "peer");
        foreach (var n in s.Nodes)
        {
            nodes.AddRow(
                Markup.Escape(n.Name),
                StateName(n.State),
                n.FramesMissed.ToString(inv),
                n.RenderMs.ToString("0.00", inv),
                n.Panels.ToString(inv),
                n.CuesDropped.ToString(inv),
                n.Sessions == 0 ? "-" : n.LastSeenMs.ToString("0", inv),
                Markup.Escape(n.Peer));
        }

        console.Write(nodes);

        var cameras = new Table { Title = new TableTitle("Cameras") };
        cameras.AddColumns("camera", "tracking", "position (m)", "focal mm", "sample age ms", "registered", "delay ms");
        foreach (var c in s.Cameras)
        {
            var tracking = c.Valid ? "valid" : c.Stale ? "stale" : "no data";
            var p = c.Position;
            var calibration = s.Calibration.FirstOrDefault(k => k.Camera == c.Name);
            cameras.AddRow(
                Markup.Escape(c.Name),
                tracking,
                p is null ? "-" : string.Create(inv, $"{p.X:0.000}, {p.Y:0.000}, {p.Z:0.000}"),
                c.FocalLengthMm.ToString("0.0", inv),
                c.Valid || c.Stale ? (c.SampleAgeUs / 1000.0).ToString("0.0", inv) : "-",
                calibration is null ? "-" : Markup.Escape(CalibrateShowCommand.RegisteredShort(calibration.Registration)),
                calibration is null ? "-" : calibration.DelayMs.ToString("0.###", inv));
        }

        console.Write(cameras);

        var sources = new Table { Title = new TableTitle("Tracking sources") };
        sources.AddColumns("sender", "protocol", "port", "packets", "rate Hz", "jitter µs", "last seen ms");
        foreach (var t in s.Sources)
        {
            sources.AddRow(
                Markup.Escape(t.Endpoint),
                t.Protocol,
                t.Port.ToString(inv),
                t.Packets.ToString(inv),
                t.RateHz.ToString("0.0", inv),
                t.JitterUs.ToString("0", inv),
                t.LastSeenMs.ToString("0", inv) + (t.Stale ? " (stale)" : string.Empty));
        }

        console.Write(sources);
        var sync = s.Sync ?? new SyncStatus();
        console.WriteLine(string.Create(inv,
            $"Sync: {sync.FramesPresented} frames presented, {sync.FramesMissed} missed, skew p99 {sync.BarrierSkewP99Us:0} µs, present overhead p99 {sync.PresentOverheadP99Us:0} µs, pose latency p99 {sync.PoseLatencyP99Us:0} µs, cues dropped {sync.CuesDropped}"));
        if (s.Federation is { } f && f.Role is "primary" or "secondary")
        {
            var peers = string.Join(", ", f.Peers.Select(p => $"{p.Site} ({p.State})"));
            console.WriteLine(f.Role == "secondary"
                ? string.Create(inv, $"Federation: site {f.Site}, secondary of {f.Primary}, link {f.LinkState}, offset {f.OffsetUs:0} µs ± {f.ErrorBoundUs:0} µs, jitter {f.JitterUs:0} µs, D {f.DelayFrames} frames, resyncs {f.Resyncs}, steps {f.Steps}, refused {f.Refused}; peers: {peers}")
                : string.Create(inv, $"Federation: site {f.Site}, primary, D {f.DelayFrames} frames, refused {f.Refused}; peers: {peers}"));
        }
    }

    private static string StateName(NodeState state) => state switch
    {
        NodeState.Offline => "offline",
        NodeState.Joining => "joining",
        NodeState.Live => "live",
        NodeState.Lagging => "lagging",
        NodeState.Disconnected => "disconnected",
        _ => "unknown",
    };
}
