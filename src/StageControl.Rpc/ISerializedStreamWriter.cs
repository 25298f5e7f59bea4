namespace StageControl.Rpc;

/// <summary>
/// A response stream that also takes a message already serialised: the protobuf bytes of one message, without the
/// 5-byte gRPC prefix (this layer adds it). For a server that sends the same message to many streams and serialises it
/// once (shared/notes/grpc-wire.md §1.2). The server streams of StageControl.Rpc implement it; Grpc.AspNetCore's do
/// not, and there a second <see cref="Method{TRequest, TResponse}"/> with a byte-array marshaller does the same job.
/// Writes through this interface and through <see cref="IAsyncStreamWriter{T}.WriteAsync"/> share the one-write-at-a-
/// time rule and the stream's order.
/// </summary>
public interface ISerializedStreamWriter
{
    /// <summary>
    /// Writes and flushes one message given as its serialised bytes. The bytes are copied into the transport before this
    /// returns, so the caller may reuse its buffer at once; the task completes when the message was handed to the
    /// transport, like <see cref="IAsyncStreamWriter{T}.WriteAsync"/>.
    /// </summary>
    /// <param name="message">The serialised message.</param>
    /// <returns>Completes when the message was handed to the transport.</returns>
    Task WriteSerializedAsync(ReadOnlySpan<byte> message);
}
