// RpcServerOptions.Authorizer: runs before every handler (and for unknown methods), refuses with its status before any
// request message is read, passes state to the handler through UserState, and a throwing authoriser never leaks.
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StageControl.Protos.Echo;
using StageControl.Rpc;

namespace StageControl.Rpc.Tests.Loopback;

public sealed class AuthorizerTests : IAsyncLifetime
{
    private static readonly Method<EchoRequest, EchoReply> WhoMethod = new(
        MethodType.Unary, "test.Auth", "Who", Marshallers.ForProtobuf(EchoRequest.Parser), Marshallers.ForProtobuf(EchoReply.Parser));

    private static readonly Method<EchoRequest, EchoReply> MissingMethod = new(
        MethodType.Unary, "test.Auth", "Missing", Marshallers.ForProtobuf(EchoRequest.Parser), Marshallers.ForProtobuf(EchoReply.Parser));

    private WebApplication? _app;
    private int _handlerRuns;
    private string? _lastMethodSeen;

    private static CallOptions With(string key) => new(Headers: new Metadata { { "x-key", key } }, Deadline: DateTime.UtcNow.AddSeconds(10));

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenRpc(new IPEndPoint(IPAddress.Loopback, 0)));
        builder.Services.AddStageRpc(o => o.Authorizer = context =>
        {
            _lastMethodSeen = context.Method;
            switch (context.RequestHeaders.GetValue("x-key"))
            {
                case "open":
                    context.UserState["who"] = "the open key";
                    return ValueTask.FromResult<Status?>(null);
                case "ok-status":
                    return ValueTask.FromResult<Status?>(Status.DefaultSuccess);
                case "throw":
                    throw new InvalidOperationException("secret internals");
                default:
                    return ValueTask.FromResult<Status?>(new Status(StatusCode.PermissionDenied, "no key, no call"));
            }
        });
        builder.Services.AddSingleton(new WhoService(this));
        _app = builder.Build();
        _app.MapRpcService<TestEchoService>();
        _app.MapRpcService<WhoService>();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Authorizer_AllowsCall_HandlerSeesUserState()
    {
        // Arrange
        using var channel = RpcChannel.ForAddress(Address());

        // Act
        var reply = await channel.CreateCallInvoker().AsyncUnaryCall(WhoMethod, null, With("open"), new EchoRequest()).ResponseAsync;

        // Assert
        Assert.Equal("the open key", reply.Text);
        Assert.Equal("/test.Auth/Who", _lastMethodSeen);
    }

    [Fact]
    public async Task Authorizer_ReturnsOk_CallGoesThrough()
    {
        // Arrange
        using var channel = RpcChannel.ForAddress(Address());
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        var reply = await client.UnaryAsync(new EchoRequest { Text = "hi" }, With("ok-status")).ResponseAsync;

        // Assert
        Assert.Equal("hi", reply.Text);
    }

    [Fact]
    public async Task Authorizer_Refuses_StatusSentAndHandlerNeverRuns()
    {
        // Arrange
        using var channel = RpcChannel.ForAddress(Address());
        var before = Volatile.Read(ref _handlerRuns);

        // Act
        var e = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(WhoMethod, null, With("wrong"), new EchoRequest()).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("no key, no call", e.Status.Detail);
        Assert.Equal(before, Volatile.Read(ref _handlerRuns));
    }

    [Fact]
    public async Task Authorizer_RefusesDuplexCall_ClientSeesTheStatus()
    {
        // Arrange
        using var channel = RpcChannel.ForAddress(Address());
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var call = client.Bidi(With("wrong"));
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = "x" });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task Authorizer_Throws_InternalWithoutItsMessage()
    {
        // Arrange
        using var channel = RpcChannel.ForAddress(Address());
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        var e = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest { Text = "x" }, With("throw")).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.Internal, e.StatusCode);
        Assert.DoesNotContain("secret internals", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorizer_UnknownMethod_RefusedBeforeUnimplemented()
    {
        // Arrange
        using var channel = RpcChannel.ForAddress(Address());
        var invoker = channel.CreateCallInvoker();

        // Act
        var refused = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(MissingMethod, null, With("wrong"), new EchoRequest()).ResponseAsync);
        var allowed = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(MissingMethod, null, With("open"), new EchoRequest()).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, allowed.StatusCode);
    }

    private Uri Address()
    {
        var address = _app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    private sealed class WhoService(AuthorizerTests owner) : IRpcService
    {
        public void BindService(RpcServiceBinder binder) => binder.AddMethod(WhoMethod, (UnaryServerMethod<EchoRequest, EchoReply>)((_, context) =>
        {
            Interlocked.Increment(ref owner._handlerRuns);
            return Task.FromResult(new EchoReply { Text = context.UserState.TryGetValue("who", out var who) ? (string)who : "nobody" });
        }));
    }
}
