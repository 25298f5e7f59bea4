namespace StageControl.Rpc.Client;

/// <summary>The response side of a server-streaming or duplex call; a non-OK end throws <see cref="RpcException"/>.</summary>
internal sealed class ClientResponseStream<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
{
    public TResponse Current => call.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (await call.MoveNextAsync(cancellationToken))
        {
            return true;
        }

        var status = call.GetStatus();
        if (status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, call.GetTrailers());
        }

        return false;
    }
}
