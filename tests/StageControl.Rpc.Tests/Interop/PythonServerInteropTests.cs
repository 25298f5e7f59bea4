// Our client against python3-grpcio's server (tests/interop/python/echo_server.py, gRPC C-core).
using StageControl.Protos.Echo;
using StageControl.Rpc;

namespace StageControl.Rpc.Tests.Interop;

public sealed class PythonServerInteropTests(PythonServerFixture python) : IClassFixture<PythonServerFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Unary_AgainstPython_Echoes()
    {
        // Arrange
        using var channel = Channel();

        // Act
        var reply = await Client(channel).UnaryAsync(new EchoRequest { Text = "hello" }, Deadline()).ResponseAsync.WaitAsync(s_timeout);

        // Assert
        Assert.Equal("hello", reply.Text);
    }

    [Fact]
    public async Task ServerStream_AgainstPython_FiveReplies()
    {
        // Arrange
        using var channel = Channel();
        using var call = Client(channel).ServerStream(new EchoRequest { Text = "s", Count = 5 }, Deadline());

        // Act
        var texts = new List<string>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout))
        {
            texts.Add(call.ResponseStream.Current.Text);
        }

        // Assert
        Assert.Equal(["s:0", "s:1", "s:2", "s:3", "s:4"], texts);
    }

    [Fact]
    public async Task ClientStream_AgainstPython_JoinsTexts()
    {
        // Arrange
        using var channel = Channel();
        using var call = Client(channel).ClientStream(Deadline());

        // Act
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync.WaitAsync(s_timeout);

        // Assert
        Assert.Equal("a,b,c", reply.Text);
        Assert.Equal(3, reply.Index);
    }

    [Fact]
    public async Task Bidi_AgainstPython_PingPong()
    {
        // Arrange
        using var channel = Channel();
        using var call = Client(channel).Bidi(Deadline());

        // Act / Assert
        for (var i = 0; i < 10; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = "p" + i });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout));
            Assert.Equal("p" + i, call.ResponseStream.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Unary_AgainstPythonFailing_CodeMessageAndTrailer()
    {
        // Arrange
        const string Message = "naïve 100% \"fail\"\nline two €";
        using var channel = Channel();

        // Act
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client(channel).UnaryAsync(new EchoRequest { FailCode = 9, FailMessage = Message }, Deadline()).ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(Message, ex.Status.Detail);
        Assert.Equal("present", ex.Trailers.GetValue("x-fail-trailer"));
    }

    [Fact]
    public async Task Unary_AgainstPythonSlow_DeadlineExceeded()
    {
        // Arrange
        using var channel = Channel();

        // Act
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client(channel).UnaryAsync(new EchoRequest { DelayMs = 5000 }, new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(300))).ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task ServerStream_AgainstPythonCancelled_Cancelled()
    {
        // Arrange
        using var channel = Channel();
        using var cts = new CancellationTokenSource();
        using var call = Client(channel).ServerStream(new EchoRequest { Text = "c", Count = 1000, DelayMs = 20 }, new CallOptions(CancellationToken: cts.Token));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout));

        // Act
        cts.Cancel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout))
            {
            }
        });

        // Assert
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_AgainstPython_MetadataRoundTrips()
    {
        // Arrange
        byte[] bytes = [0x00, 0xFF, 0x10, 0x80, 0x7F];
        using var channel = Channel();
        var headers = new Metadata { { "x-echo", "value 1" }, { "x-echo-bin", bytes } };

        // Act
        using var call = Client(channel).UnaryAsync(new EchoRequest { Text = "m" }, new CallOptions(headers, DateTime.UtcNow.AddSeconds(10)));
        var responseHeaders = await call.ResponseHeadersAsync.WaitAsync(s_timeout);
        await call.ResponseAsync.WaitAsync(s_timeout);

        // Assert
        Assert.Equal("value 1", responseHeaders.GetValue("x-echo"));
        Assert.Equal(bytes, responseHeaders.GetValueBytes("x-echo-bin"));
        Assert.Equal("value 1", call.GetTrailers().GetValue("x-echo-trailer"));
        Assert.Equal(bytes, call.GetTrailers().GetValueBytes("x-echo-trailer-bin"));
    }

    [Fact]
    public async Task Unary_AgainstPythonUnknownMethod_Unimplemented()
    {
        // Arrange
        using var channel = Channel();
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, Echo.ServiceName, "Missing", Marshallers.ForProtobuf(EchoRequest.Parser), Marshallers.ForProtobuf(EchoReply.Parser));

        // Act
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(method, null, Deadline(), new EchoRequest()).ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_AgainstPythonOversized_ResourceExhausted()
    {
        // Arrange: python's default receive limit is 4 MiB.
        using var channel = Channel();

        // Act
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client(channel).UnaryAsync(new EchoRequest { Text = new string('x', (4 * 1024 * 1024) + 1024) }, Deadline()).ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    private static CallOptions Deadline() => new(Deadline: DateTime.UtcNow.AddSeconds(15));

    private static Echo.EchoClient Client(RpcChannel channel) => new(channel.CreateCallInvoker());

    private RpcChannel Channel()
    {
        if (python.StartupProblem is { } problem)
        {
            Assert.Fail(problem);
        }

        return RpcChannel.ForAddress(python.Address);
    }
}
