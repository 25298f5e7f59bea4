namespace StageControl.Rpc;

/// <summary>Server options (the subset of Grpc.AspNetCore's GrpcServiceOptions this layer supports).</summary>
public sealed class RpcServerOptions
{
    /// <summary>Largest request message accepted, in bytes; larger → RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>When true, the message of an unexpected handler exception is sent to the client (UNKNOWN).</summary>
    public bool EnableDetailedErrors { get; set; }
}
