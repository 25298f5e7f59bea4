using System.Net;
using System.Security.Cryptography.X509Certificates;
using StageControl.Core.Stage;
using StageControl.Core.Timing;

namespace StageControl.Coordinator;

/// <summary>Settings of one <see cref="CoordinatorHost"/>.</summary>
public sealed class CoordinatorOptions
{
    /// <summary>The stage config file (configs/README.md). Ignored when <see cref="Config"/> is set.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>An already-loaded stage (tests, the embedded demo); takes precedence over <see cref="ConfigPath"/>.</summary>
    public StageConfig? Config { get; init; }

    /// <summary>Overrides the config's frame rate (for software renderers that cannot keep up, and for tests).</summary>
    public FrameRate? FrameRate { get; init; }

    /// <summary>The gRPC endpoint (HTTP/2 prior knowledge, cleartext; TLS with ALPN h2 when <see cref="TlsCertificate"/> is
    /// set). Port 0 picks a free port. Must be loopback unless <see cref="TokenSecret"/> is set.</summary>
    public IPEndPoint Grpc { get; init; } = new(IPAddress.Loopback, 50051);

    /// <summary>The HTTP endpoint (HTTP/1.1 and HTTP/2) for /healthz, the dashboard (<c>/</c>) and its API (<c>/api/*</c>).</summary>
    public IPEndPoint Http { get; init; } = new(IPAddress.Loopback, 8080);

    /// <summary>When set, every camera is tracked with FreeD on this one UDP port (0 picks a free port) instead of the
    /// ports in the config.</summary>
    public int? TrackingPort { get; init; }

    /// <summary>The address the tracking ports bind to (default: every interface).</summary>
    public IPAddress TrackingAddress { get; init; } = IPAddress.Any;

    /// <summary>How long after a frame boundary the barrier waits for FrameReady (default: 0.75 × the frame period).</summary>
    public TimeSpan? BarrierTimeout { get; init; }

    /// <summary>K: consecutive missed deadlines after which a node leaves the barrier (default 3).</summary>
    public int MaxConsecutiveMisses { get; init; } = 3;

    /// <summary>The shared frame epoch, Unix ns (default: now, rounded down to a whole second).</summary>
    public long? EpochUnixNs { get; init; }

    /// <summary>A FreeD vendor profile id (hardware/trackers/freed-vendors.json) for every FreeD port, overriding the
    /// cameras' own <c>vendor</c>.</summary>
    public string? FreeDVendor { get; init; }

    /// <summary>The shared secret that signs bearer tokens (StageControl.Core.Security.TokenAuthority; at least 32 bytes).
    /// When set, every gRPC call but health and every <c>/api/*</c> request needs a token whose role the method is
    /// open to (Security/AccessPolicy.cs). When null, nothing is checked and both endpoints must be loopback.</summary>
    public byte[]? TokenSecret { get; init; }

    /// <summary>When set, the gRPC and HTTP endpoints serve TLS with this certificate (with its private key; ALPN h2 and
    /// HTTP/1.1).</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>Remote stages: this site's name and, for a secondary, the primary to link to.</summary>
    public FederationOptions Federation { get; init; } = new();

    /// <summary>Where calibration and operator controls are kept across restarts (calibration.json, operator.json;
    /// State/StateStore.cs); null keeps them in memory only. A broken file there stops the start.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>The time source (tests may pass their own).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
