using StageControl.Render.Scenes;

namespace StageControl.Node;

/// <summary>Settings of one <see cref="NodeRuntime"/>.</summary>
public sealed record NodeRuntimeOptions
{
    /// <summary>The coordinator's gRPC address, e.g. <c>http://127.0.0.1:50051</c>.</summary>
    public required Uri Coordinator { get; init; }

    /// <summary>The node's name as in the stage config's <c>nodes</c>.</summary>
    public required string Name { get; init; }

    /// <summary>A bearer token, sent as <c>authorization: Bearer TOKEN</c> metadata on the session call.</summary>
    public string? Token { get; init; }

    /// <summary>Fail at start-up when the renderer is a software rasteriser (llvmpipe).</summary>
    public bool RequireGpu { get; init; }

    /// <summary>Where presented frames are written as PNGs (<c>DIR/&lt;node&gt;/&lt;panel&gt;.png</c>, previews under
    /// <c>DIR/&lt;node&gt;/preview/</c>, snapshots under <c>DIR/frames/&lt;frame&gt;/</c>); null: no PNGs.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>How often each panel's PNG (and preview) is rewritten with the newest presented frame.</summary>
    public TimeSpan PngInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>K: also keep <c>DIR/frames/&lt;frame&gt;/&lt;panel&gt;.png</c> for presented frames with frame % K == 0
    /// (0 = never). Needs <see cref="OutputDirectory"/>.</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>A raw frame stream (<see cref="Render.Output.RawFrameWriter"/>) of every presented frame, e.g. under
    /// /dev/shm. Panels of another size than the first panel go to <c>FILE.&lt;w&gt;x&lt;h&gt;</c>.</summary>
    public string? RawPath { get; init; }

    /// <summary>Longer side of the preview PNGs, pixels.</summary>
    public int PreviewMaxSide { get; init; } = 64;

    /// <summary>Send live panel previews (PanelPreview) on the session for the dashboard (default true).</summary>
    public bool LivePreviews { get; init; } = true;

    /// <summary>Longer side of the live previews, pixels (box-downscaled by an integer factor, so at most this).</summary>
    public int LivePreviewMaxSide { get; init; } = 160;

    /// <summary>Shortest time between two live previews of the same panel (previews go round-robin across the panels).</summary>
    public TimeSpan LivePreviewInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Average byte budget of the live previews, bytes per second (default 256 KiB/s). With many panels the
    /// round-robin slows down so that the budget holds: each panel then comes round every panels × size / budget
    /// seconds.</summary>
    public long LivePreviewBytesPerSecond { get; init; } = 256 * 1024;

    /// <summary>Makes the scene the renderer draws (called once per renderer); default: <see cref="DefaultScene"/>.</summary>
    public Func<IScene>? SceneFactory { get; init; }

    /// <summary>First reconnect delay (exponential backoff with jitter from here).</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Period of Heartbeat and NodeStats messages and of <see cref="StatsObserver"/> calls.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>When true a Shutdown from the coordinator ends only the session and the node reconnects (a node under a
    /// supervisor that outlives coordinator restarts); by default Shutdown ends <see cref="NodeRuntime.RunAsync"/>.</summary>
    public bool ReconnectAfterShutdown { get; init; }

    /// <summary>Receives one human-readable line per event (renderer, join, reconnect, shutdown). Null: silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Receives the node's figures every <see cref="StatsInterval"/>.</summary>
    public Action<NodeStatsSnapshot>? StatsObserver { get; init; }

    /// <summary>Tests: extra time added to every frame's render (a slow renderer).</summary>
    internal TimeSpan ExtraRenderTime { get; init; }
}
