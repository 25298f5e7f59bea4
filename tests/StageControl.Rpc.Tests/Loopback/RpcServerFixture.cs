// A real Kestrel server on 127.0.0.1:0 (HTTP/2-only cleartext, the coordinator's transport settings) hosting Echo and
// Health, shared by a test class.
using System.Net;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StageControl.Protos.Health;
using StageControl.Rpc;

namespace StageControl.Rpc.Tests.Loopback;

public sealed class RpcServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HealthServiceImpl Health { get; } = new();

    public Uri Address { get; private set; } = null!;

    public int Port => Address.Port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseRpcTransport();
        builder.WebHost.ConfigureKestrel(k => k.ListenRpc(new IPEndPoint(IPAddress.Loopback, 0)));
        builder.Services.AddStageRpc(o => o.EnableDetailedErrors = true);
        builder.Services.AddSingleton(Health);
        _app = builder.Build();
        _app.MapRpcService<HealthServiceImpl>();
        _app.MapRpcService<TestEchoService>();
        Health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
        Health.SetStatus("stagecontrol.v1.Echo", HealthCheckResponse.Types.ServingStatus.Serving);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public RpcChannel CreateChannel(RpcChannelOptions? options = null) => RpcChannel.ForAddress(Address, options);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
