using System.Security.Cryptography.X509Certificates;

namespace StageControl.Rpc;

/// <summary>Channel options (the subset of Grpc.Net.Client's GrpcChannelOptions this layer supports).</summary>
public sealed class RpcChannelOptions
{
    /// <summary>
    /// The handler to send with (e.g. a TestServer handler). Null: a <see cref="System.Net.Http.SocketsHttpHandler"/>
    /// with multiple HTTP/2 connections, no proxy and keep-alive pings.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>. Default true.</summary>
    public bool DisposeHttpHandler { get; set; } = true;

    /// <summary>Largest response message accepted, in bytes; larger → RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// For <c>https://</c> addresses with the default handler: trust this certificate (a self-signed server
    /// certificate, or the CA that issued the server's) instead of the machine's roots. The server certificate must
    /// chain to it and name the host called; nothing else is accepted. Null: the machine's roots. Ignored when
    /// <see cref="HttpHandler"/> is set (configure that handler's SslOptions instead).
    /// </summary>
    public X509Certificate2? TrustedCertificate { get; set; }
}
