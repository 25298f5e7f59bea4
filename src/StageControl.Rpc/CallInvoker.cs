using StageControl.Rpc.Client;

namespace StageControl.Rpc;

/// <summary>Starts calls on a channel (Grpc.Core.CallInvoker; same method names and parameter order).</summary>
public sealed class CallInvoker
{
    private readonly RpcChannel _channel;

    internal CallInvoker(RpcChannel channel) => _channel = channel;

    /// <summary>Starts a unary call.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="host">Unused (the channel address decides); kept for Grpc.Core's signature.</param>
    /// <param name="options">Call options.</param>
    /// <param name="request">The request.</param>
    /// <returns>The call.</returns>
    public AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = Start(method, options, request);
        return new AsyncUnaryCall<TResponse>(call.ReadSingleResponseAsync(), call);
    }

    /// <summary>Starts a server-streaming call.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="host">Unused; kept for Grpc.Core's signature.</param>
    /// <param name="options">Call options.</param>
    /// <param name="request">The request.</param>
    /// <returns>The call.</returns>
    public AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = Start(method, options, request);
        return new AsyncServerStreamingCall<TResponse>(new ClientResponseStream<TRequest, TResponse>(call), call);
    }

    /// <summary>Starts a client-streaming call.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="host">Unused; kept for Grpc.Core's signature.</param>
    /// <param name="options">Call options.</param>
    /// <returns>The call.</returns>
    public AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = Start(method, options, default);
        return new AsyncClientStreamingCall<TRequest, TResponse>(new ClientRequestStream<TRequest, TResponse>(call), call.ReadSingleResponseAsync(), call);
    }

    /// <summary>Starts a duplex-streaming call.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="host">Unused; kept for Grpc.Core's signature.</param>
    /// <param name="options">Call options.</param>
    /// <returns>The call.</returns>
    public AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = Start(method, options, default);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(new ClientRequestStream<TRequest, TResponse>(call), new ClientResponseStream<TRequest, TResponse>(call), call);
    }

    private ClientCall<TRequest, TResponse> Start<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest? request)
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = new ClientCall<TRequest, TResponse>(_channel, method, options);
        call.Start(request);
        return call;
    }
}
