// The newest live preview of every panel, for GET /api/previews/{panel}.png (node.proto PanelPreview).
using System.Globalization;
using StageControl.Core.Stage;
using StageControl.Coordinator.Telemetry;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.Dashboard;

/// <summary>
/// Keeps the newest preview per panel of the stage. Memory is bounded: one slot per panel of the stage config (filled
/// in the constructor; nothing is ever added), each holding at most <see cref="MaxPngBytes"/>. A preview is refused and
/// counted (<c>stagecontrol.coordinator.previews.rejected</c>, tag <c>reason</c>) when it names a panel the sending
/// node does not drive, is not a PNG, or is too large.
/// </summary>
internal sealed class PreviewStore
{
    /// <summary>Largest preview accepted, bytes (a 160 px RGB PNG is a few tens of KiB at worst).</summary>
    public const int MaxPngBytes = 256 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>A store with one slot per panel of <paramref name="config"/>.</summary>
    public PreviewStore(StageConfig config)
    {
        foreach (var node in config.Nodes)
        {
            foreach (var panel in node.Panels)
            {
                _slots[panel] = new Slot(node.Name);
            }
        }

        foreach (var panel in config.Panels)
        {
            _slots.TryAdd(panel.Id, new Slot(string.Empty));
        }
    }

    /// <summary>Whether <paramref name="panelId"/> is a panel of the stage.</summary>
    public bool Knows(string panelId) => _slots.ContainsKey(panelId);

    /// <summary>Stores <paramref name="preview"/> from node <paramref name="node"/>; false (counted) when refused.</summary>
    public bool Offer(string node, PanelPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        string? reason = null;
        if (!_slots.TryGetValue(preview.PanelId, out var slot) || !string.Equals(slot.Node, node, StringComparison.Ordinal))
        {
            reason = "panel";
        }
        else if (preview.Png.Length > MaxPngBytes)
        {
            reason = "size";
        }
        else if (!preview.Png.Span.StartsWith(PngSignature))
        {
            reason = "format";
        }

        if (reason is not null)
        {
            CoordinatorTelemetry.PreviewsRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
            return false;
        }

        var stored = new StoredPreview(
            preview.PanelId,
            preview.Frame,
            preview.Png.ToByteArray(),
            string.Create(CultureInfo.InvariantCulture, $"\"{preview.Frame}-{Interlocked.Increment(ref _sequence)}\""));
        lock (slot!)
        {
            // The newest to arrive wins (frame indices may go back when a federated stage adopts another epoch).
            slot.Preview = stored;
        }

        CoordinatorTelemetry.PreviewsReceived.Add(1);
        return true;
    }

    /// <summary>The newest preview of <paramref name="panelId"/>, or null when none has come (or no such panel).</summary>
    public StoredPreview? Get(string panelId)
    {
        if (!_slots.TryGetValue(panelId, out var slot))
        {
            return null;
        }

        lock (slot)
        {
            return slot.Preview;
        }
    }

    private sealed class Slot(string node)
    {
        public string Node { get; } = node;

        public StoredPreview? Preview { get; set; }
    }
}
