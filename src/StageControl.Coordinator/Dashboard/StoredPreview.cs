namespace StageControl.Coordinator.Dashboard;

/// <summary>One panel's newest preview as served: the PNG and its entity tag (quoted, unique per stored preview).</summary>
internal sealed record StoredPreview(string PanelId, long Frame, byte[] Png, string ETag);
