using Microsoft.AspNetCore.Http;
using StageControl.Rpc.Internal;

namespace StageControl.Rpc;

/// <summary>
/// What a server handler knows about its call (Grpc.Core.ServerCallContext): method, deadline, cancellation,
/// request headers, response trailers and status. <see cref="CancellationToken"/> fires when the client cancels
/// (RST_STREAM) or the deadline passes.
/// </summary>
public sealed class ServerCallContext
{
    private readonly HttpContext _httpContext;
    private bool _headersWritten;
    private Dictionary<object, object>? _userState;

    internal ServerCallContext(HttpContext httpContext, string method, DateTime deadline, Metadata requestHeaders, CancellationToken cancellationToken)
    {
        _httpContext = httpContext;
        Method = method;
        Deadline = deadline;
        RequestHeaders = requestHeaders;
        CancellationToken = cancellationToken;
    }

    /// <summary>The full method path, <c>/service/method</c>.</summary>
    public string Method { get; }

    /// <summary>The <c>:authority</c> the client called.</summary>
    public string Host => _httpContext.Request.Host.Value ?? string.Empty;

    /// <summary>The client address, e.g. <c>ipv4:127.0.0.1:50000</c>.</summary>
    public string Peer
    {
        get
        {
            var connection = _httpContext.Connection;
            return connection.RemoteIpAddress is null
                ? "unknown"
                : (connection.RemoteIpAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6:[" + connection.RemoteIpAddress + "]:" : "ipv4:" + connection.RemoteIpAddress + ":")
                    + connection.RemotePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The call deadline in UTC; <see cref="DateTime.MaxValue"/> when the client set none.</summary>
    public DateTime Deadline { get; }

    /// <summary>The client's custom metadata (reserved headers excluded).</summary>
    public Metadata RequestHeaders { get; }

    /// <summary>Fires on client cancellation or deadline.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Metadata sent with the status at the end of the call.</summary>
    public Metadata ResponseTrailers { get; } = new();

    /// <summary>The status sent when the handler returns normally (default OK).</summary>
    public Status Status { get; set; } = Status.DefaultSuccess;

    /// <summary>State shared by the call's authoriser (<see cref="RpcServerOptions.Authorizer"/>) and its handler, e.g.
    /// the verified credentials (Grpc.Core.ServerCallContext.UserState). Created on first use.</summary>
    public IDictionary<object, object> UserState => _userState ??= [];

    /// <summary>True once the response headers were sent (by this method or by the first message).</summary>
    internal bool ResponseStarted => _headersWritten || _httpContext.Response.HasStarted;

    /// <summary>Sends the response headers now, with <paramref name="responseHeaders"/> as custom metadata. Once only.</summary>
    /// <param name="responseHeaders">Custom metadata for the response headers.</param>
    /// <returns>Completes when the headers were flushed.</returns>
    public async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (ResponseStarted)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call.");
        }

        foreach (var entry in responseHeaders)
        {
            if (!GrpcProtocolConstants.IsReservedHeader(entry.Key))
            {
                _httpContext.Response.Headers.Append(entry.Key, MetadataCodec.ToHeaderValue(entry));
            }
        }

        _headersWritten = true;
        await _httpContext.Response.BodyWriter.FlushAsync(CancellationToken);
    }

    /// <summary>The underlying ASP.NET Core context (like Grpc.AspNetCore's <c>GetHttpContext()</c>).</summary>
    /// <returns>The HTTP context of the call.</returns>
    public HttpContext GetHttpContext() => _httpContext;
}
