namespace StageControl.Rpc.Client;

/// <summary>The request side of a client-streaming or duplex call.</summary>
internal sealed class ClientRequestStream<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
{
    public Task WriteAsync(TRequest message) => call.WriteAsync(message);

    public Task CompleteAsync() => call.CompleteRequestAsync();
}
