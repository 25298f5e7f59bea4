// A node stream double for allocation tests: takes serialised messages like StageControl.Rpc's server streams do
// (ISerializedStreamWriter), completes every write at once, counts each kind by its key byte and keeps a copy of the
// last cue's bytes in a preallocated buffer; nothing is parsed until a test asks (so the writes allocate nothing).
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Tests.Frames;

internal sealed class SerializedCountingStream : IAsyncStreamWriter<CoordinatorMessage>, ISerializedStreamWriter
{
    // CoordinatorMessage keys: field << 3 | 2 (length-delimited).
    private const byte CueKey = (CoordinatorMessage.CueFieldNumber << 3) | 2;
    private const byte PresentKey = (CoordinatorMessage.PresentFieldNumber << 3) | 2;
    private const byte PoseKey = (CoordinatorMessage.PoseFieldNumber << 3) | 2;

    private readonly byte[] _lastCue = new byte[64 * 1024];
    private int _lastCueLength;

    public long Cues { get; private set; }

    public long Presents { get; private set; }

    public long Poses { get; private set; }

    public long Controls { get; private set; }

    /// <summary>The last cue written, parsed now.</summary>
    public FrameCue? LastCue => _lastCueLength == 0 ? null : CoordinatorMessage.Parser.ParseFrom(_lastCue, 0, _lastCueLength).Cue;

    public Task WriteAsync(CoordinatorMessage message)
    {
        Controls++;
        return Task.CompletedTask;
    }

    public Task WriteSerializedAsync(ReadOnlySpan<byte> message)
    {
        switch (message[0])
        {
            case CueKey:
                Cues++;
                message.CopyTo(_lastCue);
                _lastCueLength = message.Length;
                break;
            case PresentKey:
                Presents++;
                break;
            case PoseKey:
                Poses++;
                break;
            default:
                throw new InvalidOperationException($"unexpected key byte {message[0]}");
        }

        return Task.CompletedTask;
    }
}
