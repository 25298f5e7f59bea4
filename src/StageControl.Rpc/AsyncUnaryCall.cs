using System.Runtime.CompilerServices;

namespace StageControl.Rpc;

/// <summary>A running unary call (Grpc.Core.AsyncUnaryCall); awaitable for the response.</summary>
/// <typeparam name="TResponse">Response type.</typeparam>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    internal AsyncUnaryCall(Task<TResponse> responseAsync, IClientCallState state)
    {
        ResponseAsync = responseAsync;
        _state = state;
    }

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
