namespace StageControl.Rpc.Server;

/// <summary>The request stream a handler reads; cancellation of the call also ends a pending read.</summary>
internal sealed class ServerRequestStream<T>(Internal.PipeMessageReader<T> reader, CancellationToken callToken) : IAsyncStreamReader<T>
{
    public T Current => reader.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == callToken)
        {
            return await reader.MoveNextAsync(callToken);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken);
        return await reader.MoveNextAsync(linked.Token);
    }
}
