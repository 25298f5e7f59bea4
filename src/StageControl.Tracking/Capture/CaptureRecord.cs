using System.Net;

namespace StageControl.Tracking.Capture;

/// <summary>One captured datagram.</summary>
/// <param name="OffsetNanoseconds">Arrival time since the capture started.</param>
/// <param name="Source">The sender.</param>
/// <param name="Payload">The datagram bytes.</param>
public sealed record CaptureRecord(long OffsetNanoseconds, IPEndPoint Source, byte[] Payload);
