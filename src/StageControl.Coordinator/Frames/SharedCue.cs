using System.Buffers;
using Google.Protobuf;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.Frames;

/// <summary>
/// One frame's FrameCue serialised once for every node: the fields all nodes share (frame, display instant, cameras,
/// operator state), without the two each node gets for itself (sent_mono_ns, cues_dropped: <see cref="NodeWire.Cue"/>
/// adds them per node). The frame loop owns one and refills it every frame; <see cref="NodeOutbound.PostCue(SharedCue)"/>
/// copies the bytes before returning. Allocation-free in steady state (its buffers grow to the largest cue, then stay).
/// </summary>
internal sealed class SharedCue
{
    private readonly FrameCue _cue = new();
    private readonly ArrayBufferWriter<byte> _bytes = new(512);

    /// <summary>The frame of the last <see cref="Serialize"/>.</summary>
    public long Frame { get; private set; } = long.MinValue;

    /// <summary>The serialised shared fields.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.WrittenSpan;

    /// <summary>Serialises <paramref name="frame"/> (read now, not kept: its cameras may change right after).</summary>
    public void Serialize(CueFrame frame)
    {
        var cue = _cue;
        cue.Frame = frame.Frame;
        cue.DisplayUnixNs = frame.DisplayUnixNs;
        cue.Operator = frame.Operator;
        var cameras = cue.Cameras;
        cameras.Clear();
        foreach (var camera in frame.Cameras)
        {
            cameras.Add(camera);
        }

        _bytes.ResetWrittenCount();
        cue.WriteTo(_bytes);

        // Do not keep the caller's objects past this call.
        cameras.Clear();
        cue.Operator = null;
        Frame = frame.Frame;
    }
}
