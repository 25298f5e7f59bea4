namespace StageControl.Core.Stage;

/// <summary>
/// FreeD vendor profile ids a camera's <c>tracking.vendor</c> may name, with the UDP port each vendor's sender
/// uses by default. The profiles themselves (zoom/focus/spare encodings) are in hardware/trackers/freed-vendors.json;
/// a test keeps the two lists equal. Ports from shared/notes/protocols.md §1.5 ([UE58] unless noted).
/// </summary>
public static class FreeDVendors
{
    /// <summary>Vendor id → default UDP port (0 where the vendor has none: the user sets it).</summary>
    public static IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["generic"] = 40000,
        ["mo-sys"] = 8001,
        ["stype"] = 6301,
        ["ncam"] = 6301,
        ["panasonic"] = 1111,
        ["sony"] = 40000,
        ["zcam"] = 0,
        ["vizrt"] = 0,
    };

    /// <summary>True when <paramref name="id"/> names a known vendor profile.</summary>
    public static bool IsKnown(string id) => DefaultPorts.ContainsKey(id);
}
