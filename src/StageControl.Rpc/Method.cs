namespace StageControl.Rpc;

/// <summary>Describes one RPC method (Grpc.Core.Method): kind, names and marshallers.</summary>
/// <typeparam name="TRequest">Request message type.</typeparam>
/// <typeparam name="TResponse">Response message type.</typeparam>
public sealed class Method<TRequest, TResponse>
{
    /// <summary>Creates a method descriptor.</summary>
    /// <param name="type">The call kind.</param>
    /// <param name="serviceName">Fully-qualified service name, e.g. <c>grpc.health.v1.Health</c>.</param>
    /// <param name="name">Method name, e.g. <c>Check</c>.</param>
    /// <param name="requestMarshaller">Request marshaller.</param>
    /// <param name="responseMarshaller">Response marshaller.</param>
    public Method(MethodType type, string serviceName, string name, Marshaller<TRequest> requestMarshaller, Marshaller<TResponse> responseMarshaller)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Type = type;
        ServiceName = serviceName;
        Name = name;
        RequestMarshaller = requestMarshaller ?? throw new ArgumentNullException(nameof(requestMarshaller));
        ResponseMarshaller = responseMarshaller ?? throw new ArgumentNullException(nameof(responseMarshaller));
        FullName = "/" + serviceName + "/" + name;
    }

    /// <summary>The call kind.</summary>
    public MethodType Type { get; }

    /// <summary>Fully-qualified service name.</summary>
    public string ServiceName { get; }

    /// <summary>Method name.</summary>
    public string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c>: <c>/service/method</c> (case-sensitive).</summary>
    public string FullName { get; }

    /// <summary>Request marshaller.</summary>
    public Marshaller<TRequest> RequestMarshaller { get; }

    /// <summary>Response marshaller.</summary>
    public Marshaller<TResponse> ResponseMarshaller { get; }
}
