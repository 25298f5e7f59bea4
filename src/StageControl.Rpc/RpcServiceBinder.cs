using Microsoft.AspNetCore.Http;
using StageControl.Rpc.Server;

namespace StageControl.Rpc;

/// <summary>Collects a service's method table (Grpc.Core.ServiceBinderBase).</summary>
public sealed class RpcServiceBinder
{
    private readonly RpcServerOptions _options;
    private readonly List<KeyValuePair<string, RequestDelegate>> _methods = [];

    internal RpcServiceBinder(RpcServerOptions options) => _options = options;

    internal IReadOnlyList<KeyValuePair<string, RequestDelegate>> Methods => _methods;

    /// <summary>Binds a unary method.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The descriptor.</param>
    /// <param name="handler">The handler.</param>
    public void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        => Add(method, handler);

    /// <summary>Binds a server-streaming method.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The descriptor.</param>
    /// <param name="handler">The handler.</param>
    public void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
        => Add(method, handler);

    /// <summary>Binds a client-streaming method.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The descriptor.</param>
    /// <param name="handler">The handler.</param>
    public void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
        => Add(method, handler);

    /// <summary>Binds a duplex-streaming method.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The descriptor.</param>
    /// <param name="handler">The handler.</param>
    public void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        => Add(method, handler);

    private void Add<TRequest, TResponse>(Method<TRequest, TResponse> method, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(handler);
        var callHandler = new ServerCallHandler<TRequest, TResponse>(method, handler, _options);
        _methods.Add(new(method.FullName, callHandler.HandleCallAsync));
    }
}
