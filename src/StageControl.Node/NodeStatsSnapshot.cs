namespace StageControl.Node;

/// <summary>
/// A render node's figures: totals since start, and the last interval's counts and timings (milliseconds, percentiles
/// by nearest rank over the frames rendered in the interval; NaN when none was).
/// </summary>
public sealed record NodeStatsSnapshot
{
    /// <summary>The node's name.</summary>
    public required string Node { get; init; }

    /// <summary>True while a session is open.</summary>
    public bool Connected { get; init; }

    /// <summary>Frames rendered since start.</summary>
    public long FramesRendered { get; init; }

    /// <summary>Presents received for the frame this node had rendered.</summary>
    public long FramesPresented { get; init; }

    /// <summary>Cues replaced by a newer one before the node could start rendering them (latest wins).</summary>
    public long CuesSkipped { get; init; }

    /// <summary>Presents for a frame this node had not rendered (it was late or skipped it).</summary>
    public long PresentsWithoutFrame { get; init; }

    /// <summary>Presented frames whose outputs were dropped because the writer was behind.</summary>
    public long OutputsDropped { get; init; }

    /// <summary>Presented frames handed to the output writer.</summary>
    public long OutputsWritten { get; init; }

    /// <summary>Sessions opened after the first one.</summary>
    public long Reconnects { get; init; }

    /// <summary>Length of the interval, seconds.</summary>
    public double IntervalSeconds { get; init; }

    /// <summary>Frames rendered in the interval.</summary>
    public long IntervalRendered { get; init; }

    /// <summary>Frames presented in the interval.</summary>
    public long IntervalPresented { get; init; }

    /// <summary>Render time (draw, without read-back), p50.</summary>
    public double RenderMsP50 { get; init; } = double.NaN;

    /// <summary>Render time, p99.</summary>
    public double RenderMsP99 { get; init; } = double.NaN;

    /// <summary>Read-back time, p50.</summary>
    public double ReadbackMsP50 { get; init; } = double.NaN;

    /// <summary>Cue arrival → FrameReady queued, p50.</summary>
    public double CueToReadyMsP50 { get; init; } = double.NaN;

    /// <summary>Cue arrival → FrameReady queued, p99.</summary>
    public double CueToReadyMsP99 { get; init; } = double.NaN;
}
