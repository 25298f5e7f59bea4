namespace StageControl.Rpc;

/// <summary>A stream of outgoing messages (Grpc.Core.IAsyncStreamWriter). One write at a time.</summary>
/// <typeparam name="T">Message type.</typeparam>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Writes and flushes one message; throws if a previous write has not completed.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Completes when the message was handed to the transport.</returns>
    Task WriteAsync(T message);
}
