namespace StageControl.Core.Stage;

/// <summary>
/// Where a camera's tracking comes from. <see cref="CameraId"/> is the FreeD camera id (0–255, 255 matches any),
/// the OpenTrackIO source number (1–200), or an OSC index chosen by the address mapping. <see cref="Vendor"/>
/// is a FreeD vendor profile id from hardware/trackers/freed-vendors.json (<see cref="FreeDVendors"/>).
/// </summary>
/// <param name="Protocol">Wire protocol.</param>
/// <param name="Port">UDP port to listen on.</param>
/// <param name="CameraId">Camera id / source number.</param>
public sealed record TrackingSource(TrackingProtocol Protocol, int Port, int CameraId)
{
    /// <summary>FreeD vendor profile id, or null for the generic encoding.</summary>
    public string? Vendor { get; init; }
}
