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

    /// <summary>
    /// Kestrel's socket transport as the coordinator's streams want it: <c>UnsafePreferInlineScheduling</c>, so that a
    /// flushed response is sent on the thread that flushed it (Kestrel's per-connection HTTP/2 frame writer) and a
    /// received frame is parsed on the thread that completed the receive, instead of each going through one of
    /// Kestrel's IOQueues (one more thread-pool work item, and on a busy 2-core machine one more wait for a thread).
    /// Measured with <c>stagectl bench latency</c> at 16 nodes: about 25 fewer work items per frame (of ~250). "Unsafe"
    /// means application code must not block inside the transport's callbacks; gRPC handlers here run on their own
    /// (request bodies are read through pipes that schedule on the thread pool), and on Linux socket completions
    /// already run on thread-pool threads, not on the epoll thread (unless DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS
    /// is set). The setting is server-wide: call it once on the host that also calls <see cref="ListenRpc"/>.
    /// </summary>
    /// <param name="builder">The web host builder.</param>
    /// <returns>The same builder.</returns>
    public static IWebHostBuilder UseRpcTransport(this IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
    }
}
