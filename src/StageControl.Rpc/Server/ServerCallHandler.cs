// Runs one gRPC call on ASP.NET Core (shared/notes/grpc-wire.md §4.4 and the Kestrel pitfalls of §2): validate,
// lift body limits, reject compression, deadline + cancellation, authorise (RpcServerOptions.Authorizer), run the
// handler, map exceptions to a status and send it as Trailers-Only (no message written) or as trailers.
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using StageControl.Rpc.Internal;

namespace StageControl.Rpc.Server;

/// <summary>Handles calls of one method.</summary>
internal sealed class ServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, Delegate handler, RpcServerOptions options)
{
    /// <summary>Timers reject due times above uint.MaxValue − 1 ms (~49.7 days); longer timeouts mean "no deadline" (§2.16).</summary>
    private static readonly TimeSpan s_maxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>How long a handler gets after its deadline to end by itself before the call is completed for it.</summary>
    private static readonly TimeSpan s_deadlineGrace = TimeSpan.FromMilliseconds(50);

    public async Task HandleCallAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            // Grpc.AspNetCore answers 426 for non-HTTP/2 requests.
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "HTTP/2";
            return;
        }

        if (!HttpMethods.IsPost(request.Method) || !GrpcProtocolConstants.IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        LiftBodyLimits(http);
        response.ContentType = GrpcProtocolConstants.ContentType;
        response.Headers[GrpcProtocolConstants.AcceptEncodingHeader] = GrpcProtocolConstants.IdentityEncoding;

        var encoding = request.Headers[GrpcProtocolConstants.EncodingHeader].ToString();
        if (encoding.Length > 0 && !string.Equals(encoding, GrpcProtocolConstants.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            // grpc/grpc doc/compression.md: unsupported request compression → UNIMPLEMENTED, listing what we accept.
            WriteTrailersOnly(response, new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding '{encoding}'; this server accepts identity only."), Metadata.Empty);
            return;
        }

        var deadline = DateTime.MaxValue;
        using var deadlineCts = new CancellationTokenSource();
        var timeoutHeader = request.Headers[GrpcProtocolConstants.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0 && GrpcTimeout.TryParse(timeoutHeader, out var timeout) && timeout < s_maxTimer)
        {
            deadline = DateTime.UtcNow + timeout;
            deadlineCts.CancelAfter(timeout);
        }

        using var callCts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadlineCts.Token);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var activity = RpcTelemetry.StartServerActivity(method.FullName, request.Headers[RpcTelemetry.TraceParentHeader].ToString());
        var context = CreateContext(http, method.FullName, deadline, callCts.Token);
        if (options.Authorizer is { } authorizer && await AuthorizeAsync(authorizer, context) is { } refusal)
        {
            // Refused before any request message is read; the handler never runs.
            RpcTelemetry.RecordServerCall(activity, method.FullName, refusal.StatusCode, started);
            if (!http.RequestAborted.IsCancellationRequested)
            {
                WriteTrailersOnly(response, refusal, context.ResponseTrailers);
            }

            return;
        }

        var reader = new PipeMessageReader<TRequest>(request.BodyReader, method.RequestMarshaller.Deserializer, options.MaxReceiveMessageSize);
        var requestStream = new ServerRequestStream<TRequest>(reader, callCts.Token);
        var responseStream = new ServerResponseStream<TResponse>(response.BodyWriter, method.ResponseMarshaller.Serializer, callCts.Token);

        Status status;
        Task handlerTask;
        try
        {
            handlerTask = RunHandlerAsync(requestStream, responseStream, context, callCts.Token);
        }
        catch (Exception ex)
        {
            // A handler that throws before its first await.
            handlerTask = Task.FromException(ex);
        }

        if (deadline != DateTime.MaxValue && !handlerTask.IsCompleted
            && await CompleteAtDeadlineAsync(handlerTask, http, responseStream, context, deadlineCts.Token))
        {
            RpcTelemetry.RecordServerCall(activity, method.FullName, StatusCode.DeadlineExceeded, started);
            return;
        }

        try
        {
            await handlerTask;
            status = deadlineCts.IsCancellationRequested ? DeadlineStatus : context.Status;
        }
        catch (RpcException ex)
        {
            status = ex.Status;
            foreach (var entry in ex.Trailers)
            {
                context.ResponseTrailers.Add(entry);
            }
        }
        catch (Exception) when (deadlineCts.IsCancellationRequested)
        {
            status = DeadlineStatus;
        }
        catch (Exception ex) when (http.RequestAborted.IsCancellationRequested || ex is IOException or ConnectionAbortedException or OperationCanceledException)
        {
            // A client reset surfaces first as an IOException from the body reader (§2.7).
            status = new Status(StatusCode.Cancelled, "The call was cancelled by the client.");
        }
        catch (Exception ex)
        {
            status = new Status(StatusCode.Unknown, options.EnableDetailedErrors ? "Exception was thrown by handler. " + ex.GetType().Name + ": " + ex.Message : "Exception was thrown by handler.");
        }

        RpcTelemetry.RecordServerCall(activity, method.FullName, status.StatusCode, started);
        if (http.RequestAborted.IsCancellationRequested)
        {
            // The stream is reset; there is nobody to send a status to.
            return;
        }

        try
        {
            if (!responseStream.AnyMessageWritten && !context.ResponseStarted)
            {
                WriteTrailersOnly(response, status, context.ResponseTrailers);
            }
            else
            {
                WriteTrailers(http, status, context.ResponseTrailers);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ConnectionAbortedException)
        {
            // The client went away while we were finishing.
        }
    }

    /// <summary>The call context, with the request headers as metadata (reserved headers left out).</summary>
    internal static ServerCallContext CreateContext(HttpContext http, string methodName, DateTime deadline, CancellationToken cancellationToken)
    {
        var requestHeaders = new Metadata();
        foreach (var header in http.Request.Headers)
        {
            foreach (var value in header.Value)
            {
                if (value is not null)
                {
                    MetadataCodec.AddFromHeader(requestHeaders, header.Key, value);
                }
            }
        }

        return new ServerCallContext(http, methodName, deadline, requestHeaders, cancellationToken);
    }

    /// <summary>Runs the authoriser; null lets the call through. A throwing authoriser refuses with INTERNAL.</summary>
    internal static async ValueTask<Status?> AuthorizeAsync(Func<ServerCallContext, ValueTask<Status?>> authorizer, ServerCallContext context)
    {
        Status? verdict;
        try
        {
            verdict = await authorizer(context);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            verdict = new Status(StatusCode.Internal, "The call could not be authorised.");
        }

        return verdict is { StatusCode: not StatusCode.OK } ? verdict : null;
    }

    private static Status DeadlineStatus => new(StatusCode.DeadlineExceeded, "Deadline exceeded.");

    /// <summary>
    /// Sends DEADLINE_EXCEEDED at the deadline even when the handler ignores its cancellation token (as
    /// Grpc.AspNetCore's deadline manager does): once the deadline fires the response stream refuses further writes,
    /// the status goes out and the response is completed; the request delegate then waits for the handler to return
    /// so the HttpContext stays valid for it. Returns false when the handler finished first (the normal path).
    /// </summary>
    private static async Task<bool> CompleteAtDeadlineAsync(Task handlerTask, HttpContext http, ServerResponseStream<TResponse> responseStream, ServerCallContext context, CancellationToken deadlineToken)
    {
        var deadlineFired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (deadlineToken.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), deadlineFired))
        {
            if (await Task.WhenAny(handlerTask, deadlineFired.Task) == handlerTask)
            {
                return false;
            }
        }

        // Give a handler that does observe its token a moment to end by itself, then take the stream from it.
        if (await Task.WhenAny(handlerTask, Task.Delay(s_deadlineGrace, CancellationToken.None)) == handlerTask)
        {
            return false;
        }

        if (!await responseStream.CloseAsync())
        {
            // The handler is inside a write that cannot finish; let the normal path report once it returns.
            return false;
        }

        try
        {
            if (!http.RequestAborted.IsCancellationRequested)
            {
                if (!responseStream.AnyMessageWritten && !context.ResponseStarted)
                {
                    WriteTrailersOnly(http.Response, DeadlineStatus, context.ResponseTrailers);
                }
                else
                {
                    WriteTrailers(http, DeadlineStatus, context.ResponseTrailers);
                }

                await http.Response.CompleteAsync();
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ConnectionAbortedException)
        {
            // The client went away at the same moment.
        }

        try
        {
            await handlerTask;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The call already ended with DEADLINE_EXCEEDED; whatever the late handler says changes nothing.
        }

        return true;
    }

    private Task RunHandlerAsync(ServerRequestStream<TRequest> requestStream, ServerResponseStream<TResponse> responseStream, ServerCallContext context, CancellationToken cancellationToken) => method.Type switch
    {
        MethodType.Unary => RunUnaryAsync(requestStream, responseStream, context),
        MethodType.ServerStreaming => RunServerStreamingAsync(requestStream, responseStream, context),
        MethodType.ClientStreaming => RunClientStreamingAsync(requestStream, responseStream, context),
        _ => ((DuplexStreamingServerMethod<TRequest, TResponse>)handler)(requestStream, responseStream, context),
    };

    private async Task RunUnaryAsync(ServerRequestStream<TRequest> requestStream, ServerResponseStream<TResponse> responseStream, ServerCallContext context)
    {
        var request = await ReadSingleAsync(requestStream);
        var reply = await ((UnaryServerMethod<TRequest, TResponse>)handler)(request, context);
        await responseStream.WriteAsync(reply);
    }

    private async Task RunServerStreamingAsync(ServerRequestStream<TRequest> requestStream, ServerResponseStream<TResponse> responseStream, ServerCallContext context)
    {
        var request = await ReadSingleAsync(requestStream);
        await ((ServerStreamingServerMethod<TRequest, TResponse>)handler)(request, responseStream, context);
    }

    private async Task RunClientStreamingAsync(ServerRequestStream<TRequest> requestStream, ServerResponseStream<TResponse> responseStream, ServerCallContext context)
    {
        var reply = await ((ClientStreamingServerMethod<TRequest, TResponse>)handler)(requestStream, context);
        await responseStream.WriteAsync(reply);
    }

    private static async Task<TRequest> ReadSingleAsync(ServerRequestStream<TRequest> requestStream)
    {
        // Unary and server-streaming requests hold exactly one message (grpc-wire.md §1.5: wrong cardinality).
        if (!await requestStream.MoveNext(CancellationToken.None))
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request did not include a message."));
        }

        var request = requestStream.Current;
        if (await requestStream.MoveNext(CancellationToken.None))
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "The request held more than one message for a single-request method."));
        }

        return request;
    }

    private static void LiftBodyLimits(HttpContext http)
    {
        // Long-lived and large streams must not trip Kestrel's defaults (30 MB body, 240 B/s minimum rate; §2.12).
        var maxSize = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (maxSize is { IsReadOnly: false })
        {
            maxSize.MaxRequestBodySize = null;
        }

        var minRate = http.Features.Get<IHttpMinRequestBodyDataRateFeature>();
        if (minRate is not null)
        {
            minRate.MinDataRate = null;
        }
    }

    /// <summary>Status in the headers and no body: Kestrel sends one HEADERS frame with END_STREAM (§1.3).</summary>
    internal static void WriteTrailersOnly(HttpResponse response, Status status, Metadata trailers)
    {
        response.ContentType = GrpcProtocolConstants.ContentType;
        response.Headers[GrpcProtocolConstants.StatusTrailer] = StatusMapping.ToWire(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.Headers[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(status.Detail);
        }

        foreach (var entry in trailers)
        {
            if (!GrpcProtocolConstants.IsReservedHeader(entry.Key))
            {
                response.Headers.Append(entry.Key, MetadataCodec.ToHeaderValue(entry));
            }
        }
    }

    private static void WriteTrailers(HttpContext http, Status status, Metadata trailers)
    {
        var feature = http.Features.Get<IHttpResponseTrailersFeature>()
            ?? throw new InvalidOperationException("The transport does not support response trailers (HTTP/2 required).");
        var target = feature.Trailers;
        target[GrpcProtocolConstants.StatusTrailer] = StatusMapping.ToWire(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            target[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(status.Detail);
        }

        foreach (var entry in trailers)
        {
            if (!GrpcProtocolConstants.IsReservedHeader(entry.Key))
            {
                target.Append(entry.Key, MetadataCodec.ToHeaderValue(entry));
            }
        }
    }
}
