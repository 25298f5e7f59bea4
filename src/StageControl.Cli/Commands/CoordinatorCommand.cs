using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using StageControl.Cli.Internal;
using StageControl.Coordinator;
using StageControl.Coordinator.Frames;
using StageControl.Core.Timing;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl coordinator --config FILE [--grpc 127.0.0.1:50051] [--http 127.0.0.1:8080] [--tracking-port P] [--rate NUM/DEN]
/// [--site NAME] [--join URL --token T] [--remote-delay-min F --remote-delay-max F]</c>: runs
/// the stage coordinator (<see cref="CoordinatorHost"/>) until Ctrl-C or SIGTERM. Prints one line per endpoint when it
/// listens, and one line each time a node joins, goes live, lags or leaves. A bad config exits 1 with every problem
/// (file, JSON path or line); a port that cannot be bound exits 1 naming it. <c>--secret-file F</c> turns on bearer
/// tokens (every call but health needs one; refusals are logged on stderr with the peer); without it the coordinator
/// refuses to bind beyond loopback (exit 1). <c>--tls-cert F --tls-key K</c> (PEM, e.g. from <c>stagectl cert
/// create</c>) serves both endpoints over TLS.
/// <c>--rate</c> overrides the config's frame rate, for software renderers (llvmpipe) that cannot keep up with the
/// project rate, and for tests.
/// Calibration and the operator controls are kept in <c>--state-dir</c> (default: <c>CONFIG.state/</c> next to the config
/// file; State/StateStore.cs in the coordinator): a broken state file stops the start (exit 1, naming the file and the
/// JSON path).
/// With <c>--join</c> it is a secondary site of a shared stage (see <see cref="CoordinatorFederationOptions"/>);
/// federation events are printed as they happen.
/// </summary>
internal static class CoordinatorCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var config = new Option<string>("--config") { Description = "Stage config file (configs/README.md).", Required = true };
        var grpc = new Option<string>("--grpc") { Description = "gRPC endpoint HOST:PORT (HTTP/2 cleartext; port 0 = any free port).", DefaultValueFactory = _ => "127.0.0.1:50051" };
        var http = new Option<string>("--http") { Description = "HTTP endpoint HOST:PORT for /healthz, the dashboard (/) and its API (/api/*) (port 0 = any free port).", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var trackingPort = new Option<int?>("--tracking-port") { Description = "Track every camera with FreeD on this one UDP port instead of the config's (0 = any free port)." };
        var secretFile = new Option<string?>("--secret-file") { Description = "Token secret file (stagectl token secret): every call but health needs a bearer token. Required to bind beyond loopback." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "TLS certificate (PEM) for the gRPC and HTTP endpoints; needs --tls-key." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "TLS private key (PEM) of --tls-cert." };
        var rate = new Option<string?>("--rate") { Description = "Frame rate NUM/DEN overriding the config's (e.g. 2/1 for software renderers and tests)." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where calibration and operator controls are kept across restarts (default: FILE.state/ next to the --config file)." };
        var federation = CoordinatorFederationOptions.Create();
        var command = new Command("coordinator", "Run the stage coordinator: node sessions, frame barrier, tracking, operator and status services.");
        command.Options.Add(config);
        command.Options.Add(grpc);
        command.Options.Add(http);
        command.Options.Add(trackingPort);
        command.Options.Add(secretFile);
        command.Options.Add(tlsCert);
        command.Options.Add(tlsKey);
        command.Options.Add(rate);
        command.Options.Add(stateDir);
        federation.AddTo(command);
        io.SetAction(command, parse =>
        {
            var grpcEndPoint = RpcCliText.ParseListen(parse.GetValue(grpc)!, "--grpc");
            var httpEndPoint = RpcCliText.ParseListen(parse.GetValue(http)!, "--http");
            var port = parse.GetValue(trackingPort);
            if (port is < 0 or > 65535)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--tracking-port: {port} is not a port 0-65535."));
            }

            var certPath = parse.GetValue(tlsCert);
            var keyPath = parse.GetValue(tlsKey);
            if ((certPath is null) != (keyPath is null))
            {
                throw new CliUsageException("--tls-cert and --tls-key go together");
            }

            var secret = parse.GetValue(secretFile) is { } secretPath ? SecurityCliText.LoadSecret(secretPath, "--secret-file") : null;
            using var certificate = certPath is null ? null : SecurityCliText.LoadServerCertificate(certPath, keyPath!);
            FrameRate? frameRate = null;
            if (parse.GetValue(rate) is { } rateText)
            {
                if (!FrameRate.TryParse(rateText, out var parsed, out var why))
                {
                    throw new CliInputException($"--rate: {why}");
                }

                frameRate = parsed;
            }

            var configPath = parse.GetValue(config)!;
            return Run(io, new CoordinatorOptions
            {
                FrameRate = frameRate,
                ConfigPath = configPath,
                StateDirectory = parse.GetValue(stateDir) ?? DefaultStateDirectory(configPath),
                Grpc = grpcEndPoint,
                Http = httpEndPoint,
                TrackingPort = port,
                TokenSecret = secret,
                TlsCertificate = certificate,
                Federation = federation.Parse(parse),
                TimeProvider = federation.ParseClock(parse),
            });
        });
        return command;
    }

    private static int Run(CliIo io, CoordinatorOptions options)
    {
        var gate = new Lock();
        void Say(string line)
        {
            lock (gate)
            {
                io.Out.WriteLine(line);
                io.Out.Flush();
            }
        }

        ProcessTuning.ForFrameTiming(minThreads: 32, sustainedLowLatencyGc: true);
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(new StderrLoggerProvider(io.Error, "coordinator", gate)));
        using var scope = new CancelScope(null);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(scope.Token);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            // Stop the way Ctrl-C does: finish, print the summary, exit 0.
            context.Cancel = true;
            stop.Cancel();
        });

        CoordinatorHost host;
        try
        {
            host = CoordinatorHost.StartAsync(options, loggers, stop.Token).GetAwaiter().GetResult();
        }
        catch (CoordinatorStartException e)
        {
            throw new CliInputException(e.Message);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }

        var k = options.MaxConsecutiveMisses;
        host.NodeStateChanged += change => Say(Describe(change, k));
        host.FederationNotice += text => Say("federation: " + text);
        try
        {
            var stage = host.Config;
            Say($"gRPC listening on {Trim(host.GrpcUri)}");
            Say($"HTTP listening on {Trim(host.HttpUri)}");
            Say($"state kept in {host.StateDirectory}");
            Say(options.TokenSecret is null ? "access tokens: off (loopback only)" : "access tokens: required (health and /healthz open)");
            foreach (var trackingPortNumber in host.TrackingPorts)
            {
                Say(string.Create(CultureInfo.InvariantCulture, $"tracking listening on UDP {options.TrackingAddress}:{trackingPortNumber}"));
            }

            Say(string.Create(CultureInfo.InvariantCulture,
                $"stage '{stage.Name}': {stage.Nodes.Count} node(s), {stage.PanelCount} panels, {stage.Cameras.Count} camera(s), {stage.FrameRate} fps; Ctrl-C to stop"));
            stop.Token.WaitHandle.WaitOne();
            Say("stopping: sending Shutdown to the nodes");
        }
        finally
        {
            var status = host.GetStatus();
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Say(string.Create(CultureInfo.InvariantCulture,
                $"coordinator stopped: {status.Sync.FramesPresented} frames presented, {status.Sync.FramesMissed} missed"));
        }

        return ExitCodes.Ok;
    }

    /// <summary><c>FILE.state</c> beside the config file (configs/stage.json → configs/stage.json.state).</summary>
    internal static string DefaultStateDirectory(string configPath)
    {
        var full = Path.GetFullPath(configPath);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileName(full) + ".state");
    }

    private static string Describe(NodeStateChange change, int k) => change.To switch
    {
        NodeBarrierState.Joining => $"node {change.Node} joined",
        NodeBarrierState.Live when change.From == NodeBarrierState.Lagging => $"node {change.Node} is back in the barrier",
        NodeBarrierState.Live => $"node {change.Node} is live",
        NodeBarrierState.Lagging => string.Create(CultureInfo.InvariantCulture, $"node {change.Node} is lagging: missed {k} deadlines in a row, out of the barrier"),
        NodeBarrierState.Disconnected => $"node {change.Node} left",
        _ => $"node {change.Node}: {change.To}",
    };

    private static string Trim(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
