namespace StageControl.Rpc;

/// <summary>The response stream of a server-streaming or duplex handler (Grpc.Core.IServerStreamWriter).</summary>
/// <typeparam name="T">Message type.</typeparam>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
