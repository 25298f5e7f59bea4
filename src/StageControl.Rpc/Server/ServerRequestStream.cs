namespace StageControl.Rpc.Server;

/// <summary>
/// The request stream a handler reads; cancellation of the call also ends a pending read. A handler that passes its own
/// token reads through one source linked to the call's token, kept while the handler keeps passing that same token (a
/// session loop reading every message with its session token would otherwise link a new source per message).
/// </summary>
internal sealed class ServerRequestStream<T>(Internal.PipeMessageReader<T> reader, CancellationToken callToken) : IAsyncStreamReader<T>
{
    private static readonly Task<bool> s_true = Task.FromResult(true);
    private static readonly Task<bool> s_false = Task.FromResult(false);
    private CancellationTokenSource? _linked;
    private CancellationToken _linkedTo;

    public T Current => reader.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var next = reader.MoveNextAsync(TokenFor(cancellationToken));
        if (!next.IsCompletedSuccessfully)
        {
            return next.AsTask();
        }

        return next.Result ? s_true : s_false;
    }

    private CancellationToken TokenFor(CancellationToken token)
    {
        if (!token.CanBeCanceled || token == callToken)
        {
            return callToken;
        }

        if (_linked is null || _linkedTo != token)
        {
            // Not disposed when replaced: a read on it may still be pending elsewhere; it holds no timer, and its
            // registrations go when the two tokens' sources go at the end of the call.
            _linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, token);
            _linkedTo = token;
        }

        return _linked.Token;
    }
}
