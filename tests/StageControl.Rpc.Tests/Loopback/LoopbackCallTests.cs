// Our client against our server over real loopback HTTP/2 (Kestrel + SocketsHttpHandler).
using System.Net;
using System.Net.Http.Headers;
using Grpc.Health.V1;
using StageControl.Protos.Echo;
using StageControl.Rpc;

namespace StageControl.Rpc.Tests.Loopback;

public sealed class LoopbackCallTests(RpcServerFixture server) : IClassFixture<RpcServerFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Unary_Echo_ReturnsTextAndOkStatus()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var call = client.UnaryAsync(new EchoRequest { Text = "hello" }, Deadline());
        var reply = await call.ResponseAsync.WaitAsync(s_timeout);

        // Assert
        Assert.Equal("hello", reply.Text);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStream_Count5_ReturnsFiveRepliesInOrder()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var call = client.ServerStream(new EchoRequest { Text = "s", Count = 5 }, Deadline());
        var texts = new List<string>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout))
        {
            texts.Add(call.ResponseStream.Current.Text);
        }

        // Assert
        Assert.Equal(["s:0", "s:1", "s:2", "s:3", "s:4"], texts);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStream_SerializedAndTypedWritesMixed_ClientReadsEveryReplyInOrder()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var call = client.ServerStream(new EchoRequest { Text = "serialized:x", Count = 6 }, Deadline());
        var replies = new List<EchoReply>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout))
        {
            replies.Add(call.ResponseStream.Current);
        }

        // Assert
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"serialized:x:{i}"), replies.Select(r => r.Text));
        Assert.Equal(Enumerable.Range(0, 6), replies.Select(r => r.Index));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientStream_ThreeRequests_ReturnsJoinedTextAndCount()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var call = client.ClientStream(Deadline());
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
    public async Task Bidi_PingPong_EachRequestGetsItsReplyBeforeTheNextIsSent()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());
        using var call = client.Bidi(Deadline());

        // Act / Assert: one message in flight at a time proves per-message flushing both ways.
        for (var i = 0; i < 10; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = "p" + i });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout));
            Assert.Equal("p" + i, call.ResponseStream.Current.Text);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Unary_HandlerFails_ClientGetsCodeMessageAndTrailers()
    {
        // Arrange: a message with non-ASCII, '%', quotes and a newline must survive percent-encoding.
        const string Message = "naïve 100% \"fail\"\nline two €";
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var call = client.UnaryAsync(new EchoRequest { FailCode = (int)StatusCode.FailedPrecondition, FailMessage = Message }, Deadline());
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(Message, ex.Status.Detail);
        Assert.Equal("present", ex.Trailers.GetValue("x-fail-trailer"));
    }

    [Fact]
    public async Task ServerStream_FailsAfterMessages_ClientGetsMessagesThenStatusFromTrailers()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());
        using var call = client.ServerStream(new EchoRequest { Text = "x", Count = 2, FailCode = (int)StatusCode.Aborted, FailMessage = "late" }, Deadline());

        // Act
        var received = 0;
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout))
            {
                received++;
            }
        });

        // Assert
        Assert.Equal(2, received);
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("late", ex.Status.Detail);
    }

    [Fact]
    public async Task Unary_DeadlineShorterThanHandler_DeadlineExceeded()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var call = client.UnaryAsync(new EchoRequest { Text = "slow", DelayMs = 5000 }, new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(200)));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_ServerEnforcedDeadlineWithoutClientTimer_TrailersOnlyDeadlineExceeded()
    {
        // Arrange: a raw request with grpc-timeout 200m and no client-side timer (grpc-wire.md §2.16).
        using var http = RawClient();
        using var request = RawRequest("/stagecontrol.v1.Echo/Unary", Frame(new EchoRequest { DelayMs = 5000 }));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200m");

        // Act
        using var response = await http.SendAsync(request).WaitAsync(s_timeout);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4", Header(response.Headers, "grpc-status"));
    }

    [Fact]
    public async Task Bidi_ConnectionRefused_FirstWriteFailsUnavailable()
    {
        // Arrange: a port nobody listens on (bound then released), so the HTTP send fails before the body opens.
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var channel = RpcChannel.ForAddress(new Uri($"http://127.0.0.1:{port}"));
        var client = new Echo.EchoClient(channel.CreateCallInvoker());
        using var call = client.Bidi();

        // Act: before the fix this write waited forever for a request body that never opened.
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest { Text = "hello" }).WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_HandlerIgnoresDeadline_StatusSentAtDeadlineAnyway()
    {
        // Arrange: the handler blocks on a gate that only this test opens, ignoring its cancellation token; the
        // server must still answer DEADLINE_EXCEEDED (grpc-timeout 200m, no client-side timer) without waiting for it.
        const string Text = "ignore:unary";
        var gate = TestEchoService.IgnoringGates.GetOrAdd(Text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        using var http = RawClient();
        using var request = RawRequest("/stagecontrol.v1.Echo/Unary", Frame(new EchoRequest { Text = Text }));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200m");

        // Act
        string? status;
        try
        {
            using var response = await http.SendAsync(request).WaitAsync(s_timeout);
            status = Header(response.Headers, "grpc-status");
        }
        finally
        {
            gate.TrySetResult();
        }

        // Assert: the status came while the handler was still blocked.
        Assert.Equal("4", status);
    }

    [Fact]
    public async Task ServerStream_ClientCancels_CancelledAndStreamStops()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());
        using var cts = new CancellationTokenSource();
        using var call = client.ServerStream(new EchoRequest { Text = "c", Count = 1000, DelayMs = 20 }, new CallOptions(CancellationToken: cts.Token));
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
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStream_ClientCancels_ServerHandlerSeesCancellation()
    {
        // Arrange: disposing the response must reset the stream so the server stops (grpc-wire.md §2.5).
        var key = "observe:" + Guid.NewGuid().ToString("N");
        var observed = TestEchoService.CancellationObserved.GetOrAdd(key, _ => new TaskCompletionSource());
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());
        using var cts = new CancellationTokenSource();
        using var call = client.ServerStream(new EchoRequest { Text = key, Count = 100_000, DelayMs = 10 }, new CallOptions(CancellationToken: cts.Token));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout));

        // Act
        cts.Cancel();

        // Assert
        await observed.Task.WaitAsync(s_timeout);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Bidi_ClientCancelsMidStream_Cancelled()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());
        using var cts = new CancellationTokenSource();
        using var call = client.Bidi(new CallOptions(CancellationToken: cts.Token));
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "one" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout));

        // Act
        cts.Cancel();
        var readError = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout));
        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest { Text = "two" }).WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.Cancelled, readError.StatusCode);
        Assert.Equal(StatusCode.Cancelled, writeError.StatusCode);
    }

    [Fact]
    public async Task Unary_HandlerThrowsPlainException_Unknown()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest { FailCode = -1 }, Deadline()).ResponseAsync.WaitAsync(s_timeout));

        // Assert: the fixture enables detailed errors, so the exception message is included.
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Contains("handler bug", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_DeadlineAlreadyPassed_FailsLocallyWithDeadlineExceeded()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var call = client.UnaryAsync(new EchoRequest { Text = "late" }, new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1)));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_Metadata_RoundTripsTextAndBinaryInHeadersAndTrailers()
    {
        // Arrange
        byte[] bytes = [0x00, 0xFF, 0x10, 0x80, 0x7F];
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());
        var headers = new Metadata { { "x-echo", "value 1" }, { "x-echo-bin", bytes } };

        // Act
        using var call = client.UnaryAsync(new EchoRequest { Text = "m" }, new CallOptions(headers, DateTime.UtcNow.AddSeconds(10)));
        var responseHeaders = await call.ResponseHeadersAsync.WaitAsync(s_timeout);
        await call.ResponseAsync.WaitAsync(s_timeout);
        var trailers = call.GetTrailers();

        // Assert
        Assert.Equal("value 1", responseHeaders.GetValue("x-echo"));
        Assert.Equal(bytes, responseHeaders.GetValueBytes("x-echo-bin"));
        Assert.Equal("value 1", trailers.GetValue("x-echo-trailer"));
        Assert.Equal(bytes, trailers.GetValueBytes("x-echo-trailer-bin"));
    }

    [Fact]
    public async Task Unary_RequestAboveServerLimit_ResourceExhausted()
    {
        // Arrange: 4 MiB + 1 KiB of text exceeds the server's default 4 MiB receive limit.
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var call = client.UnaryAsync(new EchoRequest { Text = new string('x', (4 * 1024 * 1024) + 1024) }, Deadline());
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_ResponseAboveClientLimit_ResourceExhausted()
    {
        // Arrange
        using var channel = server.CreateChannel(new RpcChannelOptions { MaxReceiveMessageSize = 1024 });
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var call = client.UnaryAsync(new EchoRequest { Text = new string('y', 2048) }, Deadline());
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_UnknownMethod_Unimplemented()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "stagecontrol.v1.Echo", "Missing", Marshallers.ForProtobuf(EchoRequest.Parser), Marshallers.ForProtobuf(EchoReply.Parser));

        // Act
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(method, null, Deadline(), new EchoRequest());
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_GzipRequest_UnimplementedAndAcceptEncodingIdentity()
    {
        // Arrange
        using var http = RawClient();
        using var request = RawRequest("/stagecontrol.v1.Echo/Unary", Frame(new EchoRequest { Text = "z" }));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");

        // Act
        using var response = await http.SendAsync(request).WaitAsync(s_timeout);

        // Assert
        Assert.Equal("12", Header(response.Headers, "grpc-status"));
        Assert.Equal("identity", Header(response.Headers, "grpc-accept-encoding"));
    }

    [Fact]
    public async Task Unary_CompressedFlagWithoutEncoding_Internal()
    {
        // Arrange: flag byte 1 while no grpc-encoding was declared (grpc/grpc doc/compression.md).
        using var http = RawClient();
        var frame = Frame(new EchoRequest { Text = "z" });
        frame[0] = 1;
        using var request = RawRequest("/stagecontrol.v1.Echo/Unary", frame);

        // Act
        using var response = await http.SendAsync(request).WaitAsync(s_timeout);

        // Assert
        Assert.Equal("13", Header(response.Headers, "grpc-status"));
    }

    [Fact]
    public async Task Health_CheckAndWatch_ReportStatusesAndChanges()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Health.HealthClient(channel.CreateCallInvoker());
        const string Name = "loopback.watch";

        // Act
        var overall = await client.CheckAsync(new HealthCheckRequest(), Deadline()).ResponseAsync.WaitAsync(s_timeout);
        var missing = await Assert.ThrowsAsync<RpcException>(() => client.CheckAsync(new HealthCheckRequest { Service = "nope" }, Deadline()).ResponseAsync.WaitAsync(s_timeout));
        using var watch = client.Watch(new HealthCheckRequest { Service = Name });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout));
        var first = watch.ResponseStream.Current.Status;
        server.Health.SetStatus(Name, HealthCheckResponse.Types.ServingStatus.NotServing);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(s_timeout));
        var second = watch.ResponseStream.Current.Status;

        // Assert
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.ServiceUnknown, first);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, second);
    }

    [Fact]
    public async Task Unary_HundredConcurrentCalls_AllSucceed()
    {
        // Arrange
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        var calls = Enumerable.Range(0, 100).Select(i => client.UnaryAsync(new EchoRequest { Text = "c" + i, DelayMs = 50 }, Deadline()).ResponseAsync).ToArray();
        var replies = await Task.WhenAll(calls).WaitAsync(s_timeout);

        // Assert
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "c" + i), replies.Select(r => r.Text));
    }

    private static CallOptions Deadline() => new(Deadline: DateTime.UtcNow.AddSeconds(15));

    private static HttpClient RawClient() => new(new SocketsHttpHandler { UseProxy = false });

    private HttpRequestMessage RawRequest(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    private static byte[] Frame(EchoRequest message)
    {
        var payload = Google.Protobuf.MessageExtensions.ToByteArray(message);
        var frame = new byte[payload.Length + 5];
        Rpc.Internal.MessageFraming.WriteHeader(frame, payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static string? Header(HttpResponseHeaders headers, string name)
        => headers.TryGetValues(name, out var values) ? values.First() : null;
}
