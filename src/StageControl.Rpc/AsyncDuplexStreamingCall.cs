namespace StageControl.Rpc;

/// <summary>A running duplex-streaming call (Grpc.Core.AsyncDuplexStreamingCall).</summary>
/// <typeparam name="TRequest">Request type.</typeparam>
/// <typeparam name="TResponse">Response type.</typeparam>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    internal AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        _state = state;
    }

    /// <summary>Where requests go; call CompleteAsync when done.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The responses; MoveNext throws <see cref="RpcException"/> when the call ends with a non-OK status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers' custom metadata.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;

    /// <summary>The final status; throws if the call has not finished.</summary>
    /// <returns>The status.</returns>
    public Status GetStatus() => _state.GetStatus();

    /// <summary>The trailers; throws if the call has not finished.</summary>
    /// <returns>The trailing metadata.</returns>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose() => _state.Dispose();
}
