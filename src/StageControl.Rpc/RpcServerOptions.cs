namespace StageControl.Rpc;

/// <summary>Server options (the subset of Grpc.AspNetCore's GrpcServiceOptions this layer supports).</summary>
public sealed class RpcServerOptions
{
    /// <summary>Largest request message accepted, in bytes; larger → RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>When true, the message of an unexpected handler exception is sent to the client (UNKNOWN).</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>
    /// Runs before the handler of every mapped method (not for unknown methods, which are answered UNIMPLEMENTED), once
    /// the request headers are in <see cref="ServerCallContext.RequestHeaders"/> and before any request message is
    /// read: the options-level stand-in for a Grpc.Core server <c>Interceptor</c> that checks credentials. Return null
    /// (or an OK status) to let the call through; return any other status to end the call with it at once
    /// (Trailers-Only, the handler never runs). It may leave what it learnt for the handler in
    /// <see cref="ServerCallContext.UserState"/>. An exception it throws ends the call with INTERNAL and is never
    /// passed to the client.
    /// </summary>
    public Func<ServerCallContext, ValueTask<Status?>>? Authorizer { get; set; }
}
