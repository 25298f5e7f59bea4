using System.Net;

namespace StageControl.Tracking.Ingest;

/// <summary>Figures of one sender at one moment (see <see cref="SourceStats"/>).</summary>
/// <param name="EndPoint">The sender.</param>
/// <param name="Packets">Datagrams received.</param>
/// <param name="Samples">Samples decoded.</param>
/// <param name="PacketsPerSecond">Packet rate over the last whole window of ≥ 1 s.</param>
/// <param name="JitterUs">Smoothed inter-arrival jitter in microseconds.</param>
/// <param name="Lost">Packets missing from the sequence numbers (OpenTrackIO), else 0.</param>
/// <param name="Late">Packets whose sequence number was behind the expected one (reordered or duplicated).</param>
/// <param name="LastSeenTimestamp">Arrival of the latest datagram, Stopwatch ticks.</param>
/// <param name="SinceLastSeen">Time since the latest datagram when the snapshot was taken.</param>
/// <param name="Rejects">Rejected datagrams by reason (only non-zero reasons).</param>
public sealed record SourceStatsSnapshot(
    IPEndPoint EndPoint,
    long Packets,
    long Samples,
    double PacketsPerSecond,
    double JitterUs,
    long Lost,
    long Late,
    long LastSeenTimestamp,
    TimeSpan SinceLastSeen,
    IReadOnlyDictionary<IngestRejectReason, long> Rejects);
