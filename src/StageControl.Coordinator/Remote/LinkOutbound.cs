using System.Threading.Channels;
using StageControl.Coordinator.Frames;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Remote;

/// <summary>
/// The one writer of a link stream: messages from the frame loop, the relay and the clock exchange are queued (bounded,
/// oldest dropped: a stalled link must not grow memory) and written in order by <see cref="RunAsync"/>. The clock
/// stamps that must be as close to the wire as this layer gets are taken here, just before the write: T1 of a ping, T3
/// of a pong (shared/notes/math.md §4.1). Posted messages are shared between links and must not change afterwards,
/// except pings and pongs, which belong to one link.
/// </summary>
internal sealed class LinkOutbound
{
    private readonly Channel<LinkMessage> _queue = Channel.CreateBounded<LinkMessage>(new BoundedChannelOptions(512)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private readonly CoordinatorClock _clock;

    public LinkOutbound(CoordinatorClock clock)
    {
        _clock = clock;
    }

    /// <summary>Queues a message (false once completed).</summary>
    public bool Post(LinkMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>No more messages.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Writes queued messages until completed or cancelled.</summary>
    public async Task RunAsync(IAsyncStreamWriter<LinkMessage> writer, CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var message))
            {
                switch (message.KindCase)
                {
                    case LinkMessage.KindOneofCase.Ping:
                        message.Ping.T1UnixNs = _clock.UnixNow();
                        break;
                    case LinkMessage.KindOneofCase.Pong:
                        message.Pong.T3UnixNs = _clock.UnixNow();
                        break;
                    default:
                        break;
                }

                await writer.WriteAsync(message).ConfigureAwait(false);
            }
        }
    }
}
