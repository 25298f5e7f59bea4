// RpcChannelOptions.TrustedCertificate: an https channel trusts exactly that certificate (self-signed server) and
// nothing else; without it, the machine's roots refuse a self-signed server.
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

public sealed class TrustedCertificateTests
{
    [Fact]
    public async Task TrustedCertificate_OnlyTheServersOwnIsAccepted()
    {
        // Arrange
        using var serverCert = CreateSelfSigned("127.0.0.1");
        using var otherCert = CreateSelfSigned("127.0.0.1");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenRpc(new IPEndPoint(IPAddress.Loopback, 0), serverCert));
        builder.Services.AddStageRpc();
        await using var app = builder.Build();
        app.MapRpcService<TestEchoService>();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var publicCert = X509CertificateLoader.LoadCertificate(serverCert.RawData);
        var options = new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(15));

        // Act
        using var trusting = RpcChannel.ForAddress(address, new RpcChannelOptions { TrustedCertificate = publicCert });
        var reply = await new Echo.EchoClient(trusting.CreateCallInvoker()).UnaryAsync(new EchoRequest { Text = "pinned" }, options).ResponseAsync;
        using var wrongTrust = RpcChannel.ForAddress(address, new RpcChannelOptions { TrustedCertificate = otherCert });
        var wrong = await Assert.ThrowsAsync<RpcException>(() => new Echo.EchoClient(wrongTrust.CreateCallInvoker()).UnaryAsync(new EchoRequest { Text = "x" }, options).ResponseAsync);
        using var systemTrust = RpcChannel.ForAddress(address);
        var system = await Assert.ThrowsAsync<RpcException>(() => new Echo.EchoClient(systemTrust.CreateCallInvoker()).UnaryAsync(new EchoRequest { Text = "x" }, options).ResponseAsync);

        // Assert
        Assert.Equal("pinned", reply.Text);
        Assert.Equal(StatusCode.Unavailable, wrong.StatusCode);
        Assert.Contains("SSL", wrong.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unavailable, system.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task TrustedCertificate_HostNotInCertificate_Refused()
    {
        // Arrange: a certificate for another name, trusted, but the call goes to 127.0.0.1.
        using var serverCert = CreateSelfSigned("stage.example");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenRpc(new IPEndPoint(IPAddress.Loopback, 0), serverCert));
        builder.Services.AddStageRpc();
        await using var app = builder.Build();
        app.MapRpcService<TestEchoService>();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var publicCert = X509CertificateLoader.LoadCertificate(serverCert.RawData);

        // Act
        using var channel = RpcChannel.ForAddress(address, new RpcChannelOptions { TrustedCertificate = publicCert });
        var e = await Assert.ThrowsAsync<RpcException>(() => new Echo.EchoClient(channel.CreateCallInvoker()).UnaryAsync(new EchoRequest { Text = "x" }, new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(15))).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        await app.StopAsync();
    }

    private static X509Certificate2 CreateSelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(name, out var ip))
        {
            san.AddIpAddress(ip);
        }
        else
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
