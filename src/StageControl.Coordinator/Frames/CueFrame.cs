using StageControl.Protos.V1;

namespace StageControl.Coordinator.Frames;

/// <summary>
/// What the frame loop computed for one frame. The frame loop owns one and refills it every frame; it is serialised once
/// (<see cref="SharedCue.Serialize"/>) and those bytes go to every node's outbound slot, so nothing here is shared with
/// a writer.
/// </summary>
/// <param name="frame">Frame index.</param>
/// <param name="displayUnixNs">The instant the frame is shown, Unix ns.</param>
/// <param name="cameras">Every camera evaluated for that instant (config order).</param>
/// <param name="op">The operator state in force for the frame (immutable once published).</param>
internal sealed class CueFrame(long frame, long displayUnixNs, CameraState[] cameras, OperatorState op)
{
    /// <summary>Frame index.</summary>
    public long Frame { get; set; } = frame;

    /// <summary>The instant the frame is shown, Unix ns.</summary>
    public long DisplayUnixNs { get; set; } = displayUnixNs;

    /// <summary>Every camera evaluated for that instant (config order), then any remote stage's cameras due at the frame.</summary>
    public CameraState[] Cameras { get; set; } = cameras;

    /// <summary>The operator state in force for the frame.</summary>
    public OperatorState Operator { get; set; } = op;
}
