using System.Runtime.CompilerServices;

namespace StageControl.Rpc;

/// <summary>A running client-streaming call (Grpc.Core.AsyncClientStreamingCall).</summary>
/// <typeparam name="TRequest">Request type.</typeparam>
/// <typeparam name="TResponse">Response type.</typeparam>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    internal AsyncClientStreamingCall(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseAsync = responseAsync;
        _state = state;
    }

    /// <summary>Where requests go; call CompleteAsync when done.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The response; faults with <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers' custom metadata.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;

    /// <summary>Awaits <see cref="ResponseAsync"/>.</summary>
    /// <returns>The awaiter.</returns>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>The final status; throws if the call has not finished.</summary>
    /// <returns>The status.</returns>
    public Status GetStatus() => _state.GetStatus();

    /// <summary>The trailers; throws if the call has not finished.</summary>
    /// <returns>The trailing metadata.</returns>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose() => _state.Dispose();
}
