using System.Buffers;
using System.IO.Pipelines;
using StageControl.Rpc.Internal;

namespace StageControl.Rpc.Server;

/// <summary>Writes framed responses to Kestrel's body writer, flushing each one (§2.10). One write at a time.</summary>
internal sealed class ServerResponseStream<T>(PipeWriter writer, Action<T, IBufferWriter<byte>> serializer, CancellationToken callToken) : IServerStreamWriter<T>
{
    private readonly MessageSerializer<T> _serializer = new(serializer);
    private int _writing;

    public bool AnyMessageWritten { get; private set; }

    public async Task WriteAsync(T message)
    {
        if (Interlocked.Exchange(ref _writing, 1) != 0)
        {
            throw new InvalidOperationException("A write is already in progress on this stream; await it before writing again.");
        }

        try
        {
            callToken.ThrowIfCancellationRequested();
            _serializer.WriteFramed(message, writer);
            AnyMessageWritten = true;
            await writer.FlushAsync(callToken);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }
}
