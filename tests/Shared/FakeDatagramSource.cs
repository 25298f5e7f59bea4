// An in-memory IDatagramSource for ingest tests (shared/STYLE.md "Tests"): datagrams queued with their sender are
// handed out in order; Complete() ends the source once the queue is drained.
using System.Net;
using System.Threading.Channels;
using StageControl.Tracking.Ingest;

namespace StageControl.Tests.Shared;

/// <summary>Feeds datagrams from memory.</summary>
public sealed class FakeDatagramSource : IDatagramSource
{
    private readonly Channel<(IPEndPoint From, byte[] Data)> _queue = Channel.CreateUnbounded<(IPEndPoint, byte[])>();

    /// <summary>Default sender.</summary>
    public static IPEndPoint DefaultSender { get; } = new(IPAddress.Parse("10.0.0.5"), 40000);

    /// <summary>Queues a datagram.</summary>
    public void Enqueue(byte[] data, IPEndPoint? from = null) => _queue.Writer.TryWrite((from ?? DefaultSender, data));

    /// <summary>Ends the source after the queued datagrams.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <inheritdoc/>
    public SocketAddress CreateAddress() => new(System.Net.Sockets.AddressFamily.InterNetworkV6);

    /// <inheritdoc/>
    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, SocketAddress remote, CancellationToken cancellationToken)
    {
        if (!await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !_queue.Reader.TryRead(out var item))
        {
            return -1;
        }

        var serialized = item.From.Serialize();
        serialized.Buffer.Span[..serialized.Size].CopyTo(remote.Buffer.Span);
        remote.Size = serialized.Size;
        item.Data.CopyTo(buffer);
        return item.Data.Length;
    }

    /// <inheritdoc/>
    public void Dispose() => _queue.Writer.TryComplete();
}
