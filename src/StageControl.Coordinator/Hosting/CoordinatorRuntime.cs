using StageControl.Coordinator.Calibration;
using StageControl.Coordinator.Collaboration;
using StageControl.Coordinator.Dashboard;
using StageControl.Coordinator.Frames;
using StageControl.Coordinator.Operator;
using StageControl.Coordinator.Registry;
using StageControl.Coordinator.State;
using StageControl.Coordinator.Telemetry;
using StageControl.Coordinator.Tracking;
using StageControl.Core.Stage;
using StageControl.Protos.Health;
using StageControl.Protos.V1;
using StageControl.Tracking.Ingest;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace StageControl.Coordinator.Hosting;

/// <summary>Everything one coordinator runs, shared by its services: config, clock, registry, barrier, cameras,
/// operator controls, frame loop, ingest ports, figures and health.</summary>
internal sealed class CoordinatorRuntime : IDisposable
{
    /// <summary>The service names whose health follows the server's.</summary>
    public static readonly string[] ServiceNames =
    [
        string.Empty, NodeSession.ServiceName, StageService.ServiceName, TrackingService.ServiceName,
        OperatorService.ServiceName, StatusService.ServiceName, CollaboratorService.ServiceName, CalibrationService.ServiceName,
        Grpc.Health.V1.Health.ServiceName,
    ];

    /// <summary>Latency histogram bounds reported in status, µs (the last is +inf).</summary>
    private static readonly double[] s_latencyBoundsUs = [50, 100, 250, 500, 1000, 2500, 5000, 10000, double.PositiveInfinity];

    private readonly CancellationTokenSource _stopping = new();
    private readonly long _started;

    public CoordinatorRuntime(StageConfig config, string? configPath, CoordinatorClock clock, TimeSpan barrierTimeout, int maxConsecutiveMisses)
    {
        Config = config;
        ConfigPath = configPath;
        Clock = clock;
        BarrierTimeout = barrierTimeout;
        Barrier = new FrameBarrier(config.Nodes.Count, maxConsecutiveMisses);
        Registry = new NodeRegistry(config, Barrier, clock, barrierTimeout, maxConsecutiveMisses);
        Cameras = new CameraHub(config.Cameras, clock);
        Calibration = new CalibrationStore(Cameras);
        var names = new List<string>(config.Cameras.Count);
        foreach (var camera in config.Cameras)
        {
            names.Add(camera.Name);
        }

        Operator = new OperatorControls(names);
        Previews = new PreviewStore(config);
        Loop = new FrameLoop(clock, Registry, Cameras, Operator, Figures, barrierTimeout) { Collaborators = Collaborators };
        Cameras.PosePublished = FanOutPose;
        Barrier.StateChanged += OnBarrierStateChanged;
        _started = clock.Time.GetTimestamp();
        foreach (var name in ServiceNames)
        {
            Health.SetStatus(name, ServingStatus.NotServing);
        }
    }

    public StageConfig Config { get; }

    public string? ConfigPath { get; }

    public CoordinatorClock Clock { get; }

    public TimeSpan BarrierTimeout { get; }

    public FrameBarrier Barrier { get; }

    public NodeRegistry Registry { get; }

    public CameraHub Cameras { get; }

    public OperatorControls Operator { get; }

    /// <summary>Every camera's registration, delay and filter (CalibrationService).</summary>
    public CalibrationStore Calibration { get; }

    /// <summary>The persisted state (set by the host once, before it serves; null when nothing is persisted).</summary>
    public StateStore? State { get; set; }

    public SyncFigures Figures { get; } = new();

    /// <summary>Collaborators' virtual cameras and annotations.</summary>
    public CollaboratorStore Collaborators { get; } = new();

    /// <summary>The newest live preview per panel (dashboard).</summary>
    public PreviewStore Previews { get; }

    public FrameLoop Loop { get; }

    public HealthServiceImpl Health { get; } = new();

    public List<IngestPort> Ingests { get; } = [];

    /// <summary>Remote stages (set by the host once, before the loop starts).</summary>
    public Remote.FederationRuntime? Federation { get; set; }

    /// <summary>The server's health ("" service).</summary>
    public ServingStatus Serving { get; private set; } = ServingStatus.NotServing;

    /// <summary>Fires when the host stops: long-lived calls end.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Raised when a node's barrier state changes (node name, old, new), on the thread that changed it.</summary>
    public event Action<string, NodeBarrierState, NodeBarrierState>? NodeStateChanged;

    /// <summary>Sets every service's health.</summary>
    public void SetHealth(ServingStatus status)
    {
        Serving = status;
        foreach (var name in ServiceNames)
        {
            Health.SetStatus(name, status);
        }
    }

    /// <summary>Starts ending long-lived calls.</summary>
    public void BeginStopping() => _stopping.Cancel();

    /// <summary>The status snapshot (nodes, cameras, sources, sync, operator).</summary>
    public StatusSnapshot Snapshot()
    {
        var now = Clock.Time.GetTimestamp();
        var snapshot = new StatusSnapshot
        {
            StageName = Config.Name,
            Rate = ProtoMapping.ToProto(Config.FrameRate),
            Frame = Math.Max(Loop.CurrentFrame, 0),
            EpochUnixNs = Clock.Frames.EpochNs,
            UptimeS = Clock.ToNs(now - _started) / 1e9,
            Operator = Operator.Current,
            CoordinatorVersion = typeof(CoordinatorRuntime).Assembly.GetName().Version?.ToString() ?? string.Empty,
        };

        foreach (var node in Registry.Nodes)
        {
            var (state, ready, missed, consecutive, _) = Barrier.Figures(node.Index);
            var connection = node.Connection;
            snapshot.Nodes.Add(new NodeStatus
            {
                Name = node.Name,
                State = (NodeState)(int)state,
                Peer = node.Peer,
                Renderer = node.LastJoin?.Renderer ?? string.Empty,
                Panels = node.PanelCount,
                FramesReady = ready,
                FramesMissed = missed,
                ConsecutiveMisses = consecutive,
                RenderMs = node.RenderUs / 1000.0,
                CueToReadyMs = node.CueToReadyUs / 1000.0,
                CuesDropped = node.CuesDroppedBefore + (connection?.Outbound.CuesDropped ?? 0),
                LastSeenMs = node.Sessions == 0 ? 0 : Clock.ToNs(now - Volatile.Read(ref node.LastSeenTimestamp)) / 1e6,
                Sessions = node.Sessions,
            });
        }

        var display = now;
        var op = Operator.Current;
        for (var i = 0; i < Cameras.Count; i++)
        {
            snapshot.Cameras.Add(Cameras.Evaluate(i, display, op.DelayOffsetMs));
        }

        // Virtual cameras are never stale; their sample age is the time since their collaborator last set them.
        var virtualCameras = Collaborators.VirtualCameraSet;
        for (var i = 0; i < virtualCameras.Cameras.Length; i++)
        {
            var copy = virtualCameras.Cameras[i].Clone();
            copy.SampleAgeUs = Math.Max(0, Clock.ToNs(now - virtualCameras.UpdatedTimestamps[i]) / 1000);
            snapshot.Cameras.Add(copy);
        }

        snapshot.Annotations.Add(Collaborators.Annotations.Annotations);
        snapshot.Calibration.Add(Calibration.Records);

        snapshot.Sources.Add(Sources());
        var figures = Figures;
        var sync = new SyncStatus
        {
            FramesPresented = figures.Presented,
            FramesMissed = figures.Missed,
            BarrierSkewP50Us = figures.Skew.Quantile(0.5) / 1000.0,
            BarrierSkewP99Us = figures.Skew.Quantile(0.99) / 1000.0,
            PresentOverheadP99Us = figures.Overhead.Quantile(0.99) / 1000.0,
            PoseLatencyP50Us = figures.PoseLatency.Quantile(0.5) / 1000.0,
            PoseLatencyP99Us = figures.PoseLatency.Quantile(0.99) / 1000.0,
        };
        Span<long> bounds = stackalloc long[s_latencyBoundsUs.Length];
        for (var i = 0; i < bounds.Length; i++)
        {
            bounds[i] = double.IsPositiveInfinity(s_latencyBoundsUs[i]) ? long.MaxValue : (long)(s_latencyBoundsUs[i] * 1000);
        }

        Span<long> counts = stackalloc long[s_latencyBoundsUs.Length];
        figures.PoseLatency.Bin(bounds, counts);
        sync.LatencyBoundsUs.Add(s_latencyBoundsUs);
        foreach (var c in counts)
        {
            sync.LatencyCounts.Add(c);
        }

        long dropped = 0;
        foreach (var node in snapshot.Nodes)
        {
            dropped += node.CuesDropped;
        }

        sync.CuesDropped = dropped;
        snapshot.Sync = sync;
        Federation?.AddTo(snapshot, now);
        return snapshot;
    }

    /// <summary>The stage model (panels with corners and node, nodes, cameras), without the config file's text.</summary>
    public StageModel StageModel()
    {
        var config = Config;
        var model = new StageModel
        {
            Name = config.Name,
            Rate = ProtoMapping.ToProto(config.FrameRate),
            TotalPixels = config.PixelCount,
            ConfigPath = ConfigPath ?? string.Empty,
        };
        foreach (var panel in config.Panels)
        {
            model.Panels.Add(ProtoMapping.ToProto(panel, config.NodeForPanel(panel.Id) ?? string.Empty));
        }

        foreach (var node in config.Nodes)
        {
            var info = new NodeInfo { Name = node.Name };
            info.Panels.Add(node.Panels);
            long pixels = 0;
            foreach (var id in node.Panels)
            {
                pixels += config.FindPanel(id)?.PixelCount ?? 0;
            }

            info.Pixels = pixels;
            foreach (var output in node.Outputs)
            {
                info.Outputs.Add(ProtoMapping.OutputName(output));
            }

            model.Nodes.Add(info);
        }

        foreach (var camera in config.Cameras)
        {
            model.Cameras.Add(new CameraInfo
            {
                Name = camera.Name,
                Protocol = ProtoMapping.ProtocolName(camera.Tracking.Protocol),
                Port = camera.Tracking.Port,
                CameraId = camera.Tracking.CameraId,
                SensorWidthMm = camera.Sensor.WidthMm,
                SensorHeightMm = camera.Sensor.HeightMm,
                FocalLengthMm = camera.Lens.FocalLengthMm,
                EntrancePupilOffsetM = camera.Lens.EntrancePupilOffsetM,
            });
        }

        return model;
    }

    /// <summary>Every tracking sender seen on every port.</summary>
    public List<TrackingSourceStatus> Sources()
    {
        var list = new List<TrackingSourceStatus>();
        foreach (var port in Ingests)
        {
            foreach (var s in port.Ingest.SourceStats())
            {
                var status = new TrackingSourceStatus
                {
                    Endpoint = s.EndPoint.ToString(),
                    Protocol = port.Protocol,
                    Port = port.Port,
                    Packets = s.Packets,
                    RateHz = s.PacketsPerSecond,
                    JitterUs = s.JitterUs,
                    Lost = s.Lost,
                    LastSeenMs = s.SinceLastSeen.TotalMilliseconds,
                    Stale = s.SinceLastSeen > TimeSpan.FromSeconds(1),
                };
                foreach (var (reason, count) in s.Rejects)
                {
                    status.Rejects[RejectName(reason)] = count;
                }

                list.Add(status);
            }
        }

        return list;
    }

    /// <summary>A node session's message: readiness, liveness, stats.</summary>
    public void OnNodeMessage(NodeEntry entry, NodeMessage message)
    {
        var now = Clock.Time.GetTimestamp();
        Volatile.Write(ref entry.LastSeenTimestamp, now);
        switch (message.KindCase)
        {
            case NodeMessage.KindOneofCase.FrameReady:
                var ready = message.FrameReady;
                entry.RenderUs = ready.RenderUs;
                entry.CueToReadyUs = ready.CueToReadyUs;
                Barrier.OnReady(entry.Index, ready.Frame, now);
                Loop.SignalReady();
                break;
            case NodeMessage.KindOneofCase.Stats:
                entry.Stats = message.Stats;
                break;
            case NodeMessage.KindOneofCase.Preview:
                Previews.Offer(entry.Name, message.Preview);
                break;
            default:
                // Heartbeat: liveness only; a second Join is ignored.
                break;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        State?.Dispose();
        Loop.Dispose();
        foreach (var port in Ingests)
        {
            port.Dispose();
        }

        _stopping.Dispose();
    }

    private static string RejectName(IngestRejectReason reason)
    {
        var name = reason.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private void FanOutPose(PoseItem item)
    {
        var nodes = Registry.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].Connection?.Outbound.PostPose(item);
        }
    }

    private void OnBarrierStateChanged(int node, NodeBarrierState from, NodeBarrierState to)
    {
        if (from != NodeBarrierState.Live && to == NodeBarrierState.Live)
        {
            CoordinatorTelemetry.NodesLive.Add(1);
        }
        else if (from == NodeBarrierState.Live && to != NodeBarrierState.Live)
        {
            CoordinatorTelemetry.NodesLive.Add(-1);
        }

        NodeStateChanged?.Invoke(Registry.Nodes[node].Name, from, to);
    }
}
