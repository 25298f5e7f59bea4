// The Echo semantics every peer implements (tests/interop/python/echo_server.py mirrors it):
// Unary → text; ServerStream → count replies "text:i"; ClientStream → texts joined with ',' and index = count;
// Bidi → one reply per request. delay_ms sleeps before each reply (observing cancellation); fail_code ≠ 0 fails the
// call with fail_message (after the replies, for streams). Request metadata "x-echo" / "x-echo-bin" is sent back in
// the response headers and as "x-echo-trailer" / "x-echo-trailer-bin" trailers.
// C#-only extras: fail_code < 0 throws a plain exception (→ UNKNOWN); a ServerStream whose text starts with
// "observe:" reports, through CancellationObserved, that the handler saw its cancellation token fire; a Unary whose
// text starts with "ignore:" waits on the IgnoringGates entry of that text WITHOUT observing its token (a handler that
// ignores its deadline), then tries to reply. A ServerStream whose text starts with "serialized:" writes every other
// reply already serialised (ISerializedStreamWriter), the rest as messages.
using System.Collections.Concurrent;
using Google.Protobuf;
using StageControl.Protos.Echo;
using StageControl.Rpc;

namespace StageControl.Rpc.Tests.Loopback;

public sealed class TestEchoService : Echo.EchoBase
{
    public static ConcurrentDictionary<string, TaskCompletionSource> CancellationObserved { get; } = new();

    public static ConcurrentDictionary<string, TaskCompletionSource> IgnoringGates { get; } = new();

    public override async Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        await EchoHeadersAsync(context);
        if (request.Text.StartsWith("ignore:", StringComparison.Ordinal))
        {
            await IgnoringGates.GetOrAdd(request.Text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        await DelayAsync(request, context);
        ThrowIfFailing(request, context);
        return new EchoReply { Text = request.Text };
    }

    public override async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await EchoHeadersAsync(context);
        try
        {
            for (var i = 0; i < request.Count; i++)
            {
                await DelayAsync(request, context);
                var reply = new EchoReply { Text = $"{request.Text}:{i}", Index = i };
                if (request.Text.StartsWith("serialized:", StringComparison.Ordinal) && i % 2 == 0)
                {
                    await ((ISerializedStreamWriter)responseStream).WriteSerializedAsync(reply.ToByteArray());
                }
                else
                {
                    await responseStream.WriteAsync(reply);
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested && request.Text.StartsWith("observe:", StringComparison.Ordinal))
        {
            CancellationObserved.GetOrAdd(request.Text, _ => new TaskCompletionSource()).TrySetResult();
            throw;
        }

        ThrowIfFailing(request, context);
    }

    public override async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        await EchoHeadersAsync(context);
        var texts = new List<string>();
        EchoRequest? last = null;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            last = requestStream.Current;
            texts.Add(last.Text);
        }

        if (last is not null)
        {
            ThrowIfFailing(last, context);
        }

        return new EchoReply { Text = string.Join(',', texts), Index = texts.Count };
    }

    public override async Task Bidi(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await EchoHeadersAsync(context);
        var index = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            await DelayAsync(request, context);
            ThrowIfFailing(request, context);
            await responseStream.WriteAsync(new EchoReply { Text = request.Text, Index = index++ });
        }
    }

    private static async Task EchoHeadersAsync(ServerCallContext context)
    {
        var text = context.RequestHeaders.GetValue("x-echo");
        var bytes = context.RequestHeaders.GetValueBytes("x-echo-bin");
        if (text is null && bytes is null)
        {
            return;
        }

        var headers = new Metadata();
        if (text is not null)
        {
            headers.Add("x-echo", text);
            context.ResponseTrailers.Add("x-echo-trailer", text);
        }

        if (bytes is not null)
        {
            headers.Add("x-echo-bin", bytes);
            context.ResponseTrailers.Add("x-echo-trailer-bin", bytes);
        }

        await context.WriteResponseHeadersAsync(headers);
    }

    private static Task DelayAsync(EchoRequest request, ServerCallContext context)
        => request.DelayMs > 0 ? Task.Delay(request.DelayMs, context.CancellationToken) : Task.CompletedTask;

    private static void ThrowIfFailing(EchoRequest request, ServerCallContext context)
    {
        if (request.FailCode < 0)
        {
            throw new InvalidOperationException("handler bug");
        }

        if (request.FailCode != 0)
        {
            var trailers = new Metadata { { "x-fail-trailer", "present" } };
            throw new RpcException(new Status((StatusCode)request.FailCode, request.FailMessage), trailers);
        }
    }
}
