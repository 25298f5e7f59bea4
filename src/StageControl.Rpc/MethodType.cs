namespace StageControl.Rpc;

/// <summary>The four gRPC call kinds (Grpc.Core.MethodType).</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary = 0,

    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming = 1,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming = 2,

    /// <summary>Both sides stream.</summary>
    DuplexStreaming = 3,
}
