using StageControl.Protos.V1;

namespace StageControl.Coordinator.Registry;

/// <summary>A render node of the stage config and what the registry knows of it across sessions.</summary>
internal sealed class NodeEntry(int index, string name, Assignment template, int panelCount)
{
    private NodeConnection? _connection;

    /// <summary>Index in the config (and in the barrier).</summary>
    public int Index { get; } = index;

    /// <summary>The node's name.</summary>
    public string Name { get; } = name;

    /// <summary>The assignment without the per-join fields (epoch, first frame).</summary>
    public Assignment Template { get; } = template;

    /// <summary>Panels it drives.</summary>
    public int PanelCount { get; } = panelCount;

    /// <summary>The live session, or null.</summary>
    public NodeConnection? Connection
    {
        get => Volatile.Read(ref _connection);
        set => Volatile.Write(ref _connection, value);
    }

    /// <summary>Sessions opened so far.</summary>
    public int Sessions;

    /// <summary>What the node said in its last Join.</summary>
    public Join? LastJoin;

    /// <summary>Peer address of the last session.</summary>
    public string Peer = string.Empty;

    /// <summary>Monotonic ticks of the last message from the node.</summary>
    public long LastSeenTimestamp;

    /// <summary>Render time of the last FrameReady, µs.</summary>
    public long RenderUs;

    /// <summary>Cue → ready time of the last FrameReady, µs.</summary>
    public long CueToReadyUs;

    /// <summary>Cues dropped by sessions that have ended.</summary>
    public long CuesDroppedBefore;

    /// <summary>The node's last NodeStats.</summary>
    public NodeStats? Stats;
}
