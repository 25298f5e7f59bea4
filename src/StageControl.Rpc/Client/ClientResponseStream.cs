namespace StageControl.Rpc.Client;

/// <summary>The response side of a server-streaming or duplex call; a non-OK end throws <see cref="RpcException"/>.</summary>
internal sealed class ClientResponseStream<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
{
    private static readonly Task<bool> s_true = Task.FromResult(true);
    private static readonly Task<bool> s_false = Task.FromResult(false);

    public TResponse Current => call.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        // A message already buffered completes without a Task of its own (the interface is Grpc.Core's: Task<bool>).
        var next = call.MoveNextAsync(cancellationToken);
        if (!next.IsCompletedSuccessfully)
        {
            return AwaitAsync(next);
        }

        return next.Result ? s_true : Ended();
    }

    private async Task<bool> AwaitAsync(ValueTask<bool> next) => await next || await Ended();

    /// <summary>The end of the stream: false after OK, the status as an exception otherwise.</summary>
    private Task<bool> Ended()
    {
        var status = call.GetStatus();
        return status.StatusCode == StatusCode.OK ? s_false : Task.FromException<bool>(new RpcException(status, call.GetTrailers()));
    }
}
