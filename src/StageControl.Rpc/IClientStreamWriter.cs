namespace StageControl.Rpc;

/// <summary>The request stream of a client-streaming or duplex call (Grpc.Core.IClientStreamWriter).</summary>
/// <typeparam name="T">Message type.</typeparam>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Half-closes the request stream (END_STREAM).</summary>
    /// <returns>Completes when the end was sent.</returns>
    Task CompleteAsync();
}
