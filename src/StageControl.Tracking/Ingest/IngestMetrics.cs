using System.Diagnostics.Metrics;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// The ingest's System.Diagnostics.Metrics instruments on the <c>StageControl.Tracking</c> meter (shared/DESIGN.md
/// "Dependencies", telemetry). Every <c>Add</c> is guarded by <see cref="Instrument.Enabled"/> so nothing is done (or
/// allocated) per packet when no listener is attached; tag values are interned strings.
/// </summary>
internal static class IngestMetrics
{
    /// <summary>The meter name shared by the tracking project.</summary>
    public const string MeterName = "StageControl.Tracking";

    private static readonly Meter Meter = new(MeterName);

    private static readonly string[] ReasonNames = Enum.GetNames<IngestRejectReason>();

    /// <summary>Datagrams received, tagged by format.</summary>
    public static readonly Counter<long> Datagrams = Meter.CreateCounter<long>("stagecontrol.tracking.datagrams", "{datagram}", "UDP datagrams received by the tracking ingest.");

    /// <summary>Samples produced.</summary>
    public static readonly Counter<long> Samples = Meter.CreateCounter<long>("stagecontrol.tracking.samples", "{sample}", "Tracking samples decoded.");

    /// <summary>Rejected datagrams, tagged by reason.</summary>
    public static readonly Counter<long> Rejects = Meter.CreateCounter<long>("stagecontrol.tracking.rejects", "{datagram}", "Datagrams that produced no sample, by reason.");

    /// <summary>Packets missing from sequence numbers.</summary>
    public static readonly Counter<long> Lost = Meter.CreateCounter<long>("stagecontrol.tracking.lost", "{packet}", "Packets missing from OpenTrackIO sequence numbers.");

    /// <summary>Times the Pipe writer had to wait for the reader (Kestrel's pause/resume trace).</summary>
    public static readonly Counter<long> WriterPauses = Meter.CreateCounter<long>("stagecontrol.tracking.ingest.pauses", "{pause}", "Times the ingest pipe writer waited for the reader.");

    /// <summary>Counts a reject.</summary>
    public static void Reject(IngestRejectReason reason, string format)
    {
        if (Rejects.Enabled)
        {
            Rejects.Add(1, new KeyValuePair<string, object?>("reason", ReasonNames[(int)reason]), new KeyValuePair<string, object?>("format", format));
        }
    }

    /// <summary>Counts a datagram.</summary>
    public static void Datagram(string format)
    {
        if (Datagrams.Enabled)
        {
            Datagrams.Add(1, new KeyValuePair<string, object?>("format", format));
        }
    }

    /// <summary>Counts a sample.</summary>
    public static void Sample(string format)
    {
        if (Samples.Enabled)
        {
            Samples.Add(1, new KeyValuePair<string, object?>("format", format));
        }
    }
}
