using System.Buffers;
using System.IO.Pipelines;
using StageControl.Rpc.Internal;

namespace StageControl.Rpc.Server;

/// <summary>
/// Writes framed responses to Kestrel's body writer, flushing each one (§2.10). One write at a time. After
/// <see cref="CloseAsync"/> (the deadline passed) every write fails with DEADLINE_EXCEEDED. A write whose flush
/// completes at once (the usual case: Kestrel's HTTP/2 output takes it without waiting) returns a completed task and
/// allocates nothing; messages may also come already serialised (<see cref="ISerializedStreamWriter"/>).
/// </summary>
internal sealed class ServerResponseStream<T>(PipeWriter writer, Action<T, IBufferWriter<byte>> serializer, CancellationToken callToken) : IServerStreamWriter<T>, ISerializedStreamWriter
{
    private readonly MessageSerializer<T> _serializer = new(serializer);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _writing;
    private bool _closed;

    public bool AnyMessageWritten { get; private set; }

    public Task WriteAsync(T message)
    {
        if (!Enter())
        {
            return WriteWhenFreeAsync(message);
        }

        try
        {
            ThrowIfClosed();
            _serializer.WriteFramed(message, writer);
            return Flush();
        }
        catch (Exception e)
        {
            Exit();
            return Task.FromException(e);
        }
    }

    public Task WriteSerializedAsync(ReadOnlySpan<byte> message)
    {
        if (!Enter())
        {
            // CloseAsync holds the gate for a moment: copy now (the caller may reuse its buffer), write when it is free.
            return WriteWhenFreeAsync(message.ToArray());
        }

        try
        {
            ThrowIfClosed();
            MessageFraming.WriteMessage(writer, message);
            return Flush();
        }
        catch (Exception e)
        {
            Exit();
            return Task.FromException(e);
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

    /// <summary>Claims the one write in progress (throws if there is one) and, when free, the gate; false when the
    /// gate is held by <see cref="CloseAsync"/> (the write then waits for it).</summary>
    private bool Enter()
    {
        if (Interlocked.Exchange(ref _writing, 1) != 0)
        {
            throw new InvalidOperationException("A write is already in progress on this stream; await it before writing again.");
        }

        return _gate.Wait(0);
    }

    private void Exit()
    {
        _gate.Release();
        Volatile.Write(ref _writing, 0);
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded; the call is complete."));
        }

        callToken.ThrowIfCancellationRequested();
    }

    /// <summary>Flushes what was written; the gate is released when the flush completes (a flush that throws at once
    /// leaves the release to the caller's catch).</summary>
    private Task Flush()
    {
        AnyMessageWritten = true;
        var flush = writer.FlushAsync(callToken);
        if (!flush.IsCompleted)
        {
            return AwaitFlushAsync(flush);
        }

        try
        {
            _ = flush.GetAwaiter().GetResult();
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
        finally
        {
            Exit();
        }
    }

    private async Task AwaitFlushAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            await flush;
        }
        finally
        {
            Exit();
        }
    }

    private async Task WriteWhenFreeAsync(T message)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            ThrowIfClosed();
            _serializer.WriteFramed(message, writer);
            AnyMessageWritten = true;
            await writer.FlushAsync(callToken);
        }
        finally
        {
            Exit();
        }
    }

    private async Task WriteWhenFreeAsync(byte[] message)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            ThrowIfClosed();
            MessageFraming.WriteMessage(writer, message);
            AnyMessageWritten = true;
            await writer.FlushAsync(callToken);
        }
        finally
        {
            Exit();
        }
    }
}
