using System.Buffers;
using System.IO.Pipelines;
using StageControl.Rpc.Internal;

namespace StageControl.Rpc.Server;

/// <summary>
/// Writes framed responses to Kestrel's body writer, flushing each one (§2.10). One write at a time. After
/// <see cref="CloseAsync"/> (the deadline passed) every write fails with DEADLINE_EXCEEDED.
/// </summary>
internal sealed class ServerResponseStream<T>(PipeWriter writer, Action<T, IBufferWriter<byte>> serializer, CancellationToken callToken) : IServerStreamWriter<T>
{
    private readonly MessageSerializer<T> _serializer = new(serializer);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _writing;
    private bool _closed;

    public bool AnyMessageWritten { get; private set; }

    public async Task WriteAsync(T message)
    {
        if (Interlocked.Exchange(ref _writing, 1) != 0)
        {
            throw new InvalidOperationException("A write is already in progress on this stream; await it before writing again.");
        }

        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (_closed)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded; the call is complete."));
            }

            callToken.ThrowIfCancellationRequested();
            _serializer.WriteFramed(message, writer);
            AnyMessageWritten = true;
            await writer.FlushAsync(callToken);
        }
        finally
        {
            _gate.Release();
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>
    /// Refuses every later write. Waits up to a second for a write in progress (its flush observes the call token,
    /// which is cancelled by then); returns false if that write does not finish.
    /// </summary>
    /// <returns>True when the stream is closed and no write is in progress.</returns>
    public async Task<bool> CloseAsync()
    {
        if (!await _gate.WaitAsync(TimeSpan.FromSeconds(1)))
        {
            return false;
        }

        try
        {
            _closed = true;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
