// Reads gRPC messages from a PipeReader (Kestrel's request BodyReader, or a client response body). The framing
// itself is the pure MessageFraming.TryReadMessage; this loop only awaits data, and AdvanceTo is called in exactly
// one place per iteration (shared/STYLE.md "Principles" 2).
using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace StageControl.Rpc.Internal;

/// <summary>Message-at-a-time reader over a pipe.</summary>
internal sealed class PipeMessageReader<T>(PipeReader reader, Func<ReadOnlySequence<byte>, T> deserializer, int maxMessageSize)
{
    private bool _completed;

    /// <summary>The last message read.</summary>
    public T Current { get; private set; } = default!;

    /// <summary>
    /// Reads the next message: true with <see cref="Current"/> set, false at a clean end of stream. Throws
    /// <see cref="RpcException"/> for framing errors (oversized → RESOURCE_EXHAUSTED, compressed or truncated →
    /// INTERNAL, unparsable → INTERNAL); transport exceptions pass through for the caller to map. Per message, so the
    /// state machine comes from a pool when the read has to wait (shared/STYLE.md "Hot-path rules"): await it once.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        if (_completed)
        {
            return false;
        }

        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var status = MessageFraming.TryReadMessage(buffer, maxMessageSize, out var payload, out var consumed, out var error);
            var examined = status == OperationStatus.NeedMoreData ? buffer.End : consumed;
            Status? failure = null;
            var value = default(T);
            if (status == OperationStatus.Done)
            {
                try
                {
                    value = deserializer(payload);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failure = new Status(StatusCode.Internal, "Failed to deserialize the message: " + ex.Message);
                }
            }
            else if (status == OperationStatus.InvalidData)
            {
                failure = MessageFraming.ToStatus(error, maxMessageSize);
            }
            else if (result.IsCompleted && !buffer.IsEmpty)
            {
                failure = new Status(StatusCode.Internal, "The stream ended in the middle of a message.");
            }

            var ended = status == OperationStatus.NeedMoreData && (result.IsCompleted || result.IsCanceled);
            reader.AdvanceTo(consumed, examined);

            if (failure is { } f)
            {
                _completed = true;
                throw new RpcException(f);
            }

            if (status == OperationStatus.Done)
            {
                Current = value!;
                return true;
            }

            if (ended)
            {
                _completed = true;
                return false;
            }
        }
    }
}
