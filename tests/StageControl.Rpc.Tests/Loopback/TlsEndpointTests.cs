// The optional TLS endpoint: Http1AndHttp2 with ALPN on one port (grpc-wire.md §2.1): gRPC over h2 and plain
// HTTP/1.1 share it.
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StageControl.Protos.Echo;
using StageControl.Rpc;

namespace StageControl.Rpc.Tests.Loopback;

public sealed class TlsEndpointTests
{
    [Fact]
    public async Task ListenRpc_WithCertificate_ServesGrpcOverH2AndHttp11OnOnePort()
    {
        // Arrange
        using var certificate = CreateSelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenRpc(new IPEndPoint(IPAddress.Loopback, 0), certificate));
        builder.Services.AddStageRpc();
        await using var app = builder.Build();
        app.MapRpcService<TestEchoService>();
        app.MapGet("/plain", () => "plain");
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == certificate.GetCertHashString();
        using var channel = RpcChannel.ForAddress(address, new RpcChannelOptions { HttpHandler = handler });
        using var http11 = new HttpClient(new SocketsHttpHandler { UseProxy = false, SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });

        // Act
        var reply = await new Echo.EchoClient(channel.CreateCallInvoker()).UnaryAsync(new EchoRequest { Text = "tls" }, new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(15))).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(20));
        using var plain = await http11.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/plain")) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact });

        // Assert
        Assert.Equal("https", address.Scheme);
        Assert.Equal("tls", reply.Text);
        Assert.Equal(HttpVersion.Version11, plain.Version);
        Assert.Equal("plain", await plain.Content.ReadAsStringAsync());
        await app.StopAsync();
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
