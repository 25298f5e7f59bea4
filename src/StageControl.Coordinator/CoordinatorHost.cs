using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StageControl.Coordinator.Dashboard;
using StageControl.Coordinator.Frames;
using StageControl.Coordinator.Hosting;
using StageControl.Coordinator.Security;
using StageControl.Coordinator.Remote;
using StageControl.Coordinator.Services;
using StageControl.Coordinator.State;
using StageControl.Coordinator.Telemetry;
using StageControl.Core.Stage;
using StageControl.Core.Timing;
using StageControl.Protos.Health;
using StageControl.Protos.V1;
using StageControl.Rpc;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Ingest;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace StageControl.Coordinator;

/// <summary>
/// The stage coordinator (shared/DESIGN.md "Shape"): loads the stage config, listens for gRPC (node sessions, stage,
/// tracking, operator, status and health services) and HTTP (<c>GET /healthz</c>, the dashboard at <c>/</c> and its API
/// under <c>/api/</c>: Dashboard/DashboardEndpoints.cs), ingests
/// tracking on the cameras' UDP ports, and runs the frame loop. Health is SERVING only once everything listens, and
/// NOT_SERVING while stopping. Start with <see cref="StartAsync"/>; stop with <see cref="StopAsync"/> (Shutdown to
/// every node, loop stopped, ports closed).
/// </summary>
public sealed class CoordinatorHost : IAsyncDisposable
{
    private readonly CoordinatorRuntime _runtime;
    private readonly WebApplication _app;
    private int _stopped;

    private CoordinatorHost(CoordinatorRuntime runtime, WebApplication app, Uri grpc, Uri http)
    {
        _runtime = runtime;
        _app = app;
        GrpcUri = grpc;
        HttpUri = http;
        var ports = new List<int>();
        foreach (var port in runtime.Ingests)
        {
            ports.Add(port.Port);
        }

        TrackingPorts = ports;
        runtime.NodeStateChanged += (node, from, to) => NodeStateChanged?.Invoke(new NodeStateChange(node, from, to));
        runtime.Federation!.Notice += text => FederationNotice?.Invoke(text);
    }

    /// <summary>The gRPC endpoint actually bound, e.g. <c>http://127.0.0.1:50051</c>.</summary>
    public Uri GrpcUri { get; }

    /// <summary>The HTTP endpoint actually bound.</summary>
    public Uri HttpUri { get; }

    /// <summary>The tracking UDP ports actually bound, one per distinct port.</summary>
    public IReadOnlyList<int> TrackingPorts { get; }

    /// <summary>The stage.</summary>
    public StageConfig Config => _runtime.Config;

    /// <summary>The frame the loop is on (cued or last presented); negative before the first boundary.</summary>
    public long CurrentFrame => _runtime.Loop.CurrentFrame;

    /// <summary>Frames presented so far.</summary>
    public long FramesPresented => _runtime.Figures.Presented;

    /// <summary>Frames presented with a live node not ready (the barrier's deadline passed).</summary>
    public long FramesMissed => _runtime.Figures.Missed;

    /// <summary>Frame boundaries the loop woke up too late for (never cued).</summary>
    public long FramesSkipped => _runtime.Figures.Skipped;

    /// <summary>The shared epoch, Unix ns.</summary>
    public long EpochUnixNs => _runtime.Clock.Frames.EpochNs;

    /// <summary>Raised when a node joins, goes live, lags or leaves; on whatever thread made the change (keep it short).</summary>
    public event Action<NodeStateChange>? NodeStateChanged;

    /// <summary>Raised with one line per federation event (linked, locked, stepped, lost, re-locked, refused); on the
    /// link's thread (keep it short).</summary>
    public event Action<string>? FederationNotice;

    /// <summary>Loads the config, binds every endpoint and port, starts the frame loop; throws
    /// <see cref="CoordinatorStartException"/> (nothing left running) when the config has problems or a port cannot be
    /// bound.</summary>
    public static async Task<CoordinatorHost> StartAsync(CoordinatorOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = options.Config ?? LoadConfig(options.ConfigPath);
        if (options.FrameRate is { } rate && rate != config.FrameRate)
        {
            config = new StageConfig(config.Name, rate, config.PanelTypes, config.Walls, config.Processors, config.Nodes, config.Cameras);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConsecutiveMisses, 1);
        ExposureGuard.EnsureSafeBinding(options);
        var time = options.TimeProvider;
        var epoch = options.EpochUnixNs ?? (CoordinatorClock.ToUnixNs(time.GetUtcNow()) / FrameClock.NanosecondsPerSecond * FrameClock.NanosecondsPerSecond);
        var frames = new FrameClock(epoch, config.FrameRate);
        var period = TimeSpan.FromTicks((long)(frames.PeriodNsApprox / 100));
        var timeout = options.BarrierTimeout ?? period * 0.75;
        if (timeout <= TimeSpan.Zero)
        {
            throw new CoordinatorStartException("the barrier timeout must be positive");
        }

        var runtime = new CoordinatorRuntime(config, options.Config is null ? options.ConfigPath : null, new CoordinatorClock(time, frames), timeout, options.MaxConsecutiveMisses);
        WebApplication? app = null;
        try
        {
            var federationLogger = loggerFactory?.CreateLogger("StageControl.Coordinator.Federation") ?? NullLogger.Instance;
            runtime.Federation = new FederationRuntime(runtime, options.Federation, federationLogger);
            runtime.Loop.Remote = runtime.Federation;
            runtime.Operator.RemoteCameras = runtime.Federation.RemoteCameraNames;
            OpenState(runtime, options, loggerFactory);
            OpenIngests(runtime, options);
            app = Build(runtime, options, loggerFactory);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new CoordinatorStartException(DescribeBindFailure(options, e), e);
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var grpc = FindAddress(addresses, 0);
            var http = FindAddress(addresses, 1);
            foreach (var port in runtime.Ingests)
            {
                port.Running = port.Ingest.RunAsync(runtime.Stopping);
            }

            runtime.Loop.Start();
            var host = new CoordinatorHost(runtime, app, grpc, http);
            runtime.Federation.Start();
            runtime.SetHealth(ServingStatus.Serving);
            return host;
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            runtime.BeginStopping();
            runtime.Dispose();
            throw;
        }
    }

    /// <summary>One status snapshot, as <c>StatusService.GetStatus</c> answers it.</summary>
    public StatusSnapshot GetStatus() => _runtime.Snapshot();

    /// <summary>Starts a window of sync figures from now (frames presented and missed, tracking samples, skew and pose
    /// latency p99), read with <see cref="SyncWindow.Read"/>; the status snapshot's own figures are not reset.</summary>
    public SyncWindow StartSyncWindow() => new(_runtime);

    /// <summary>Adopts a new shared epoch (federation); frame indices follow from the next boundary.</summary>
    public void SetEpoch(long epochUnixNs) => _runtime.Clock.Frames.EpochNs = epochUnixNs;

    /// <summary>Health NOT_SERVING, Shutdown to every node (bounded wait, 2 s in all, until each node has read it and
    /// ended its session), frame loop stopped, ports closed, Kestrel stopped.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _runtime.SetHealth(ServingStatus.NotServing);
        var shutdown = new CoordinatorMessage { Shutdown = new Shutdown { Reason = "coordinator stopping" } };
        foreach (var node in _runtime.Registry.Nodes)
        {
            node.Connection?.Outbound.PostControl(shutdown);
        }

        // Wait (bounded) until each node has read its Shutdown and ended its request stream: only then is it safe to stop
        // Kestrel, whose GOAWAY and connection close would otherwise drop a Shutdown that sits unread in the node's
        // connection buffer (the node would reconnect instead of exiting). Sessions still open at the deadline are ended.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (DateTime.UtcNow < deadline && AnyConnected())
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        foreach (var node in _runtime.Registry.Nodes)
        {
            if (node.Connection is { } connection)
            {
                ShutdownsUnacknowledged++;
                CoordinatorTelemetry.ShutdownsUnacknowledged.Add(1);
                connection.End();
            }
        }

        await _runtime.Federation!.StopAsync().ConfigureAwait(false);
        _runtime.Loop.Stop();
        _runtime.BeginStopping();
        foreach (var port in _runtime.Ingests)
        {
            if (port.Running is { } running)
            {
                await running.ConfigureAwait(false);
            }
        }

        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _runtime.Dispose();
    }

    /// <summary>The state directory in use (absolute), or null when nothing is persisted.</summary>
    public string? StateDirectory => _runtime.State?.Directory;

    /// <summary>Internals for tests and benchmarks.</summary>
    internal CoordinatorRuntime Runtime => _runtime;

    /// <summary>Node sessions that <see cref="StopAsync"/> had to end itself: the node had not read its Shutdown and
    /// ended its stream within the bound (also counted on <c>stagecontrol.coordinator.shutdowns.unacknowledged</c>).</summary>
    internal int ShutdownsUnacknowledged { get; private set; }

    private bool AnyConnected()
    {
        foreach (var node in _runtime.Registry.Nodes)
        {
            if (node.Connection is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static StageConfig LoadConfig(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new CoordinatorStartException("no stage config: set ConfigPath or Config");
        }

        var result = StageConfigLoader.LoadFile(path);
        if (!result.IsValid)
        {
            var lines = new List<string>(result.Problems.Count);
            foreach (var problem in result.Problems)
            {
                lines.Add("  " + problem.Format(path));
            }

            var count = result.Problems.Count;
            throw new CoordinatorStartException(
                $"stage config {path} has {count} problem{(count == 1 ? string.Empty : "s")}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}",
                result.Problems);
        }

        return result.Config!;
    }

    private static void OpenState(CoordinatorRuntime runtime, CoordinatorOptions options, ILoggerFactory? loggerFactory)
    {
        if (options.StateDirectory is { } directory)
        {
            var names = runtime.Config.Cameras.Select(c => c.Name).ToList();
            var logger = loggerFactory?.CreateLogger("StageControl.Coordinator.State") ?? NullLogger.Instance;
            runtime.State = StateStore.Open(directory, runtime.Calibration, runtime.Operator, names, logger);
        }
    }

    private static void OpenIngests(CoordinatorRuntime runtime, CoordinatorOptions options)
    {
        FreeDVendorProfile? vendorOverride = null;
        if (options.FreeDVendor is { } vendorId && !FreeDVendorProfile.TryGet(vendorId, out vendorOverride))
        {
            throw new CoordinatorStartException($"FreeD vendor '{vendorId}' is not a profile of hardware/trackers/freed-vendors.json");
        }

        // One ingest per distinct port; with TrackingPort every camera is FreeD on that one port.
        var byPort = new Dictionary<int, List<int>>();
        var cameras = runtime.Config.Cameras;
        for (var i = 0; i < cameras.Count; i++)
        {
            var port = options.TrackingPort ?? cameras[i].Tracking.Port;
            if (!byPort.TryGetValue(port, out var list))
            {
                list = [];
                byPort[port] = list;
            }

            list.Add(i);
        }

        foreach (var (port, indices) in byPort)
        {
            var first = cameras[indices[0]];
            var protocol = options.TrackingPort is null ? first.Tracking.Protocol : TrackingProtocol.FreeD;
            FreeDVendorProfile? vendor = vendorOverride;
            if (vendor is null && protocol == TrackingProtocol.FreeD && first.Tracking.Vendor is { } id)
            {
                FreeDVendorProfile.TryGet(id, out vendor);
            }

            var ingestOptions = new TrackingIngestOptions
            {
                Format = protocol switch
                {
                    TrackingProtocol.FreeD => TrackingFormat.FreeD,
                    TrackingProtocol.Osc => TrackingFormat.Osc,
                    _ => TrackingFormat.OpenTrackIO,
                },
                FreeDVendor = vendor,
            };
            var local = new IPEndPoint(options.TrackingAddress, port);
            UdpDatagramSource source;
            try
            {
                source = new UdpDatagramSource(local);
            }
            catch (SocketException e)
            {
                throw new CoordinatorStartException($"cannot listen for tracking on UDP {local} (camera {first.Name}): {e.Message}", e);
            }

            var map = new (int, int)[indices.Count];
            for (var k = 0; k < indices.Count; k++)
            {
                map[k] = (cameras[indices[k]].Tracking.CameraId, indices[k]);
            }

            runtime.Ingests.Add(new IngestPort(source, ingestOptions, ProtoMapping.ProtocolName(protocol), runtime.Cameras, map));
        }
    }

    private static WebApplication Build(CoordinatorRuntime runtime, CoordinatorOptions options, ILoggerFactory? loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.WebHost.UseRpcTransport();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenRpc(options.Grpc, options.TlsCertificate);
            kestrel.Listen(options.Http, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (options.TlsCertificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var access = AccessWiring.Create(options, loggerFactory);
        builder.Services.AddStageRpc(rpc => rpc.Authorizer = access is null ? null : access.AuthorizeAsync);
        AccessWiring.Register(builder.Services, access);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(runtime.Health);
        builder.Services.AddSingleton<NodeSessionService>();
        builder.Services.AddSingleton<StageServiceImpl>();
        builder.Services.AddSingleton<TrackingServiceImpl>();
        builder.Services.AddSingleton<OperatorServiceImpl>();
        builder.Services.AddSingleton<StatusServiceImpl>();
        builder.Services.AddSingleton<CollaboratorServiceImpl>();
        builder.Services.AddSingleton<CalibrationServiceImpl>();
        builder.Services.AddSingleton(runtime.Federation!);
        builder.Services.AddSingleton<FederationService>();
        var app = builder.Build();
        AccessWiring.UseHttp(app, access);
        app.MapRpcService<HealthServiceImpl>();
        app.MapRpcService<NodeSessionService>();
        app.MapRpcService<StageServiceImpl>();
        app.MapRpcService<TrackingServiceImpl>();
        app.MapRpcService<OperatorServiceImpl>();
        app.MapRpcService<StatusServiceImpl>();
        app.MapRpcService<CollaboratorServiceImpl>();
        app.MapRpcService<CalibrationServiceImpl>();
        app.MapRpcService<FederationService>();
        app.MapGet("/healthz", () => runtime.Serving == ServingStatus.Serving
            ? Results.Text("SERVING")
            : Results.Text("NOT_SERVING", statusCode: StatusCodes.Status503ServiceUnavailable));
        DashboardEndpoints.Map(app, runtime);
        return app;
    }

    private static string DescribeBindFailure(CoordinatorOptions options, IOException e)
    {
        var grpc = options.Grpc.ToString();
        var http = options.Http.ToString();
        var which = e.Message.Contains(grpc, StringComparison.Ordinal) ? $"gRPC endpoint {grpc}"
            : e.Message.Contains(http, StringComparison.Ordinal) ? $"HTTP endpoint {http}"
            : $"gRPC endpoint {grpc} or HTTP endpoint {http}";
        return $"cannot listen on the {which}: {e.Message}";
    }

    private static Uri FindAddress(ICollection<string> addresses, int index)
    {
        // Kestrel binds its endpoints in the order they were configured (gRPC first, then HTTP) and lists them in that
        // order; with port 0 this list is the only place the bound port shows.
        var address = addresses.ElementAtOrDefault(index)
            ?? throw new CoordinatorStartException("the server did not report its bound addresses");
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }
}
