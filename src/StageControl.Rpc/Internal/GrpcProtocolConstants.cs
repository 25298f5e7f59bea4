namespace StageControl.Rpc.Internal;

/// <summary>Header names and values of gRPC over HTTP/2 (grpc/grpc doc/PROTOCOL-HTTP2.md; grpc-wire.md §1).</summary>
internal static class GrpcProtocolConstants
{
    public const string ContentType = "application/grpc";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string IdentityEncoding = "identity";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";
    public const string UserAgent = "grpc-dotnet-stagecontrol/1.0";

    /// <summary>gRPC's default receive limit, 4 MiB (Grpc.Net.Client GrpcChannel, Grpc.AspNetCore MethodOptions).</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>True for a content-type gRPC accepts: <c>application/grpc</c> alone or with a <c>+suffix</c> / parameters.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    /// <summary>
    /// Headers the call layer owns: pseudo headers, HTTP headers gRPC uses and every reserved <c>grpc-</c> name.
    /// They are never copied into user-visible metadata, and user metadata cannot set them.
    /// </summary>
    public static bool IsReservedHeader(string name)
        => name.StartsWith(':')
            || name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
            || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
            || name.Equals("te", StringComparison.OrdinalIgnoreCase)
            || name.Equals("host", StringComparison.OrdinalIgnoreCase)
            || name.Equals("user-agent", StringComparison.OrdinalIgnoreCase)
            || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
            || name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
            || name.Equals("date", StringComparison.OrdinalIgnoreCase)
            || name.Equals("server", StringComparison.OrdinalIgnoreCase)
            || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase);
}
