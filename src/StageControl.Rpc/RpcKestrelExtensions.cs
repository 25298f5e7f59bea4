using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace StageControl.Rpc;

/// <summary>Kestrel endpoints for gRPC (shared/notes/grpc-wire.md §2.1).</summary>
public static class RpcKestrelExtensions
{
    /// <summary>
    /// Listens for gRPC on <paramref name="endPoint"/>. Without a certificate the endpoint is HTTP/2-only cleartext
    /// (prior knowledge; there is no ALPN, so Http1AndHttp2 would silently serve HTTP/1.1 only). With one, it is TLS
    /// with ALPN and accepts HTTP/1.1 and HTTP/2 on the same port.
    /// </summary>
    /// <param name="options">Kestrel options.</param>
    /// <param name="endPoint">Address and port (port 0 picks a free one).</param>
    /// <param name="certificate">Optional server certificate.</param>
    public static void ListenRpc(this KestrelServerOptions options, IPEndPoint endPoint, X509Certificate2? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endPoint);

        // Handlers must never block on I/O; gRPC framing is async end to end.
        options.AllowSynchronousIO = false;
        options.Listen(endPoint, listen =>
        {
            if (certificate is null)
            {
                listen.Protocols = HttpProtocols.Http2;
            }
            else
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            }
        });
    }
}
