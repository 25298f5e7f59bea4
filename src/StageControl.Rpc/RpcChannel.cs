using System.Net;
using System.Security.Cryptography.X509Certificates;
using StageControl.Rpc.Client;

namespace StageControl.Rpc;

/// <summary>
/// A connection target for calls (Grpc.Net.Client.GrpcChannel): one HttpClient over HTTP/2. Cleartext addresses
/// (<c>http://</c>) use prior knowledge (HTTP/2 exact, no Upgrade); <c>https://</c> negotiates h2 with ALPN
/// (shared/notes/grpc-wire.md §2.2, §2.18).
/// </summary>
public sealed class RpcChannel : IDisposable
{
    private RpcChannel(Uri address, RpcChannelOptions options)
    {
        Address = address;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        var handler = options.HttpHandler ?? CreateDefaultHandler(options.TrustedCertificate);
        HttpClient = new HttpClient(handler, options.HttpHandler is null || options.DisposeHttpHandler)
        {
            // Deadlines are per call; the client-wide 100 s default would cut long streams (§2.3).
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:50051</c>.</summary>
    public Uri Address { get; }

    /// <summary>Largest response message accepted, in bytes.</summary>
    public int MaxReceiveMessageSize { get; }

    internal HttpClient HttpClient { get; }

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    /// <param name="address">Base address (http or https).</param>
    /// <param name="options">Options, or null for defaults.</param>
    /// <returns>The channel.</returns>
    public static RpcChannel ForAddress(Uri address, RpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new RpcChannel(address, options ?? new RpcChannelOptions());
    }

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    /// <param name="address">Base address (http or https).</param>
    /// <param name="options">Options, or null for defaults.</param>
    /// <returns>The channel.</returns>
    public static RpcChannel ForAddress(string address, RpcChannelOptions? options = null)
        => ForAddress(new Uri(address, UriKind.Absolute), options);

    /// <summary>The invoker that starts calls on this channel.</summary>
    /// <returns>A call invoker.</returns>
    public CallInvoker CreateCallInvoker() => new(this);

    /// <inheritdoc />
    public void Dispose() => HttpClient.Dispose();

    private static SocketsHttpHandler CreateDefaultHandler(X509Certificate2? trusted)
    {
        var handler = CreateDefaultHandler();
        if (trusted is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = TrustedCertificateValidation.Create(trusted);
        }

        return handler;
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // Call 101 on a connection opens a new one instead of queueing behind Kestrel's 100-stream limit (§2.18).
        EnableMultipleHttp2Connections = true,

        // A proxy environment variable must not capture cleartext HTTP/2 calls (§2.2).
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
    };
}
