using System.Security.Cryptography.X509Certificates;

namespace StageControl.Coordinator.Simulation;

/// <summary>Settings of a <see cref="SimulatedNode"/>.</summary>
public sealed class SimulatedNodeOptions
{
    /// <summary>Simulated render time between a cue and its FrameReady (zero: answer at once).</summary>
    public TimeSpan RenderTime { get; set; }

    /// <summary>Arrivals kept in <see cref="SimulatedNode.PresentArrivals"/> and <see cref="SimulatedNode.PoseArrivals"/>
    /// (preallocated; recording stops when full).</summary>
    public int RecordCapacity { get; init; } = 4096;

    /// <summary>Renderer text sent in Join.</summary>
    public string Renderer { get; init; } = "simulated";

    /// <summary>A bearer token (role node, or technician) sent as <c>authorization: Bearer …</c> metadata on the session;
    /// null sends none (a coordinator without a token secret).</summary>
    public string? Token { get; init; }

    /// <summary>For an <c>https://</c> coordinator with a self-signed certificate: trust this certificate (or CA) only.</summary>
    public X509Certificate2? TrustedCertificate { get; init; }
}
