// One client call over HttpClient (shared/notes/grpc-wire.md §4.5 and the client pitfalls of §2): exact HTTP/2,
// te: trailers, grpc-timeout, identity only, ResponseHeadersRead, status from Trailers-Only headers or trailers,
// and cancellation/deadline by disposing the response (the only thing that sends RST_STREAM, §2.5).
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using StageControl.Rpc.Internal;

namespace StageControl.Rpc.Client;

/// <summary>State and transport of one call, shared by every call shape.</summary>
internal sealed class ClientCall<TRequest, TResponse> : IClientCallState
{
    private readonly RpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _callCts = new();
    private readonly PushStreamContent _content = new();
    private readonly MessageSerializer<TRequest> _serializer;
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenRegistration _userRegistration;
    private CancellationTokenRegistration _deadlineRegistration;
    private Task<HttpResponseMessage>? _sendTask;
    private Task<bool>? _responseReady;
    private HttpResponseMessage? _response;
    private PipeMessageReader<TResponse>? _reader;
    private Status? _status;
    private Metadata _trailers = Metadata.Empty;
    private bool _deadlineExceeded;
    private int _writing;
    private bool _requestCompleted;

    public ClientCall(RpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _serializer = new MessageSerializer<TRequest>(method.RequestMarshaller.Serializer);
        _headers.Task.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public CancellationToken CallToken => _callCts.Token;

    public TResponse Current => _reader is null ? default! : _reader.Current;

    /// <summary>Sends the request headers; for single-request methods also writes the request and half-closes.</summary>
    public void Start(TRequest? request)
    {
        TimeSpan? timeout = null;
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            timeout = deadline.ToUniversalTime() - DateTime.UtcNow;
            if (timeout <= TimeSpan.Zero)
            {
                // Already expired: fail locally without sending (grpc-wire.md §1.6).
                _deadlineExceeded = true;
                Finish(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."), Metadata.Empty);
                _callCts.Cancel();
                _content.Abort(new OperationCanceledException());
                _headers.TrySetException(new RpcException(_status!.Value));
                _sendTask = Task.FromCanceled<HttpResponseMessage>(_callCts.Token);
                return;
            }
        }

        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = _content,
        };
        var headers = message.Headers;
        headers.TE.Add(new TransferCodingWithQualityHeaderValue(GrpcProtocolConstants.TeTrailers));
        if (timeout is { } t)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.TimeoutHeader, GrpcTimeout.Format(t));
        }

        headers.TryAddWithoutValidation(GrpcProtocolConstants.AcceptEncodingHeader, GrpcProtocolConstants.IdentityEncoding);
        headers.TryAddWithoutValidation("User-Agent", GrpcProtocolConstants.UserAgent);
        if (RpcTelemetry.CurrentTraceParent() is { } traceParent)
        {
            headers.TryAddWithoutValidation(RpcTelemetry.TraceParentHeader, traceParent);
        }

        RpcTelemetry.ClientCalls.Add(1, new KeyValuePair<string, object?>("rpc.method", _method.FullName));
        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                if (!GrpcProtocolConstants.IsReservedHeader(entry.Key))
                {
                    headers.TryAddWithoutValidation(entry.Key, MetadataCodec.ToHeaderValue(entry));
                }
            }
        }

        if (timeout is { } due)
        {
            _deadlineCts = new CancellationTokenSource(due);
            _deadlineRegistration = _deadlineCts.Token.Register(static s => ((ClientCall<TRequest, TResponse>)s!).Cancel(deadline: true), this);
        }

        if (_options.CancellationToken.CanBeCanceled)
        {
            _userRegistration = _options.CancellationToken.Register(static s => ((ClientCall<TRequest, TResponse>)s!).Cancel(deadline: false), this);
        }

        // Start sending before anyone awaits the response headers: servers send HEADERS only with the first message (§2.4).
        _sendTask = _channel.HttpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, _callCts.Token);

        // A send that fails before the request body opens (connection refused, DNS, TLS) never hands the body stream
        // to the call: fail the stream too, so a pending or later WriteAsync ends with the call's status instead of
        // waiting forever.
        _ = _sendTask.ContinueWith(
            static (task, state) => ((PushStreamContent)state!).Abort(task.Exception?.GetBaseException() ?? new OperationCanceledException("The request was not sent.")),
            _content,
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        if (_method.Type is MethodType.Unary or MethodType.ServerStreaming)
        {
            _ = WriteSingleRequestAsync(request!);
        }
    }

    /// <summary>Reads the one response of a unary or client-streaming call.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        if (!await MoveNextAsync(CancellationToken.None))
        {
            var status = _status ?? new Status(StatusCode.Internal, "The call ended without a status.");
            if (status.StatusCode == StatusCode.OK)
            {
                throw new RpcException(new Status(StatusCode.Unimplemented, "The server returned OK without a response message."), _trailers);
            }

            throw new RpcException(status, _trailers);
        }

        var response = Current;
        if (await MoveNextAsync(CancellationToken.None))
        {
            Cancel(deadline: false);
            throw new RpcException(new Status(StatusCode.Unimplemented, "The server sent more than one response message."));
        }

        if (_status is { StatusCode: not StatusCode.OK } failed)
        {
            throw new RpcException(failed, _trailers);
        }

        return response;
    }

    /// <summary>Reads the next response message; false at the end (status then set). Per message: the state machine
    /// comes from a pool when the read has to wait; await the result once.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await EnsureResponseAsync() || _reader is null)
            {
                return false;
            }

            var more = cancellationToken.CanBeCanceled
                ? await ReadLinkedAsync(cancellationToken)
                : await _reader.MoveNextAsync(_callCts.Token);
            if (more)
            {
                return true;
            }

            ReadTrailers();
            return false;
        }
        catch (RpcException ex) when (_status is null)
        {
            // A framing error on our side (oversized, compressed): end the call and reset the stream.
            Finish(ex.Status, Metadata.Empty);
            Cancel(deadline: false);
            throw;
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            if (cancellationToken.IsCancellationRequested && !_callCts.IsCancellationRequested)
            {
                throw;
            }

            Finish(MapFailure(ex), Metadata.Empty);
            throw new RpcException(_status!.Value, _trailers);
        }
    }

    public async Task WriteAsync(TRequest message)
    {
        if (_requestCompleted)
        {
            throw new InvalidOperationException("The request stream was already completed.");
        }

        if (Interlocked.Exchange(ref _writing, 1) != 0)
        {
            throw new InvalidOperationException("A write is already in progress on this stream; await it before writing again.");
        }

        try
        {
            ThrowIfFinishedWithError();
            var stream = await _content.StreamAsync;
            var framed = _serializer.Frame(message);
            await stream.WriteAsync(framed, _callCts.Token);

            // HTTP/2 request writes sit in a buffer until flushed (§2.4).
            await stream.FlushAsync(_callCts.Token);
        }
        catch (Exception ex) when (ex is not RpcException and not InvalidOperationException)
        {
            // The server may have ended the call already; its status explains why better than the transport error.
            if (_status is null && !_callCts.IsCancellationRequested)
            {
                try
                {
                    await EnsureResponseAsync();
                }
                catch (Exception)
                {
                }
            }

            throw new RpcException(_status ?? MapFailure(ex), _trailers);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    public Task CompleteRequestAsync()
    {
        _requestCompleted = true;
        _content.Complete();
        return Task.CompletedTask;
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => _status is null ? throw new InvalidOperationException("Unable to get the trailers because the call is not complete.") : _trailers;

    public void Dispose()
    {
        if (_status is null)
        {
            Finish(new Status(StatusCode.Cancelled, "The call was disposed."), Metadata.Empty);
        }

        Cancel(deadline: false);
        _userRegistration.Dispose();
        _deadlineRegistration.Dispose();
        _deadlineCts?.Dispose();
    }

    private async Task WriteSingleRequestAsync(TRequest request)
    {
        try
        {
            await WriteAsync(request);
            _requestCompleted = true;
            _content.Complete();
        }
        catch (Exception)
        {
            // The response carries the status; a failed write of the single request surfaces there.
        }
    }

    private async ValueTask<bool> ReadLinkedAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_callCts.Token, cancellationToken);
        return await _reader!.MoveNextAsync(linked.Token);
    }

    private Task<bool> EnsureResponseAsync()
    {
        lock (_gate)
        {
            return _responseReady ??= ReceiveHeadersAsync();
        }
    }

    /// <summary>Awaits the response headers. False when the call already has its status (Trailers-Only, HTTP error).</summary>
    private async Task<bool> ReceiveHeadersAsync()
    {
        if (_status is not null)
        {
            return false;
        }

        HttpResponseMessage response;
        try
        {
            response = await _sendTask!;
        }
        catch (Exception ex)
        {
            Finish(MapFailure(ex), Metadata.Empty);
            _headers.TrySetException(new RpcException(_status!.Value));
            throw new RpcException(_status!.Value);
        }

        lock (_gate)
        {
            _response = response;
        }

        if (_callCts.IsCancellationRequested)
        {
            response.Dispose();
        }

        var headerStatus = FindHeader(response.Headers, GrpcProtocolConstants.StatusTrailer);
        if (response.StatusCode != HttpStatusCode.OK && headerStatus is null)
        {
            var code = StatusMapping.FromHttpStatus((int)response.StatusCode);
            FinishFromResponse(new Status(code, $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}."), response.Headers);
            return false;
        }

        if (headerStatus is not null)
        {
            // Trailers-Only (§1.3): the status and trailers arrived in the headers.
            var status = StatusMapping.FromTrailers(headerStatus, FindHeader(response.Headers, GrpcProtocolConstants.MessageTrailer));
            FinishFromResponse(status, response.Headers);
            return false;
        }

        if (!GrpcProtocolConstants.IsGrpcContentType(response.Content.Headers.ContentType?.ToString()))
        {
            FinishFromResponse(new Status(StatusCode.Unknown, "Bad gRPC response. Invalid content-type: " + response.Content.Headers.ContentType), response.Headers);
            return false;
        }

        _headers.TrySetResult(ToMetadata(response.Headers));
        var body = await response.Content.ReadAsStreamAsync(_callCts.Token);
        _reader = new PipeMessageReader<TResponse>(PipeReader.Create(body), _method.ResponseMarshaller.Deserializer, _channel.MaxReceiveMessageSize);
        return true;
    }

    private void FinishFromResponse(Status status, HttpResponseHeaders headers)
    {
        var metadata = ToMetadata(headers);
        _headers.TrySetResult(metadata);
        Finish(status, metadata);
        _response?.Dispose();
    }

    private void ReadTrailers()
    {
        var response = _response!;
        var value = FindHeader(response.TrailingHeaders, GrpcProtocolConstants.StatusTrailer);
        var status = value is null
            ? new Status(StatusCode.Unknown, "No grpc-status found on response.")
            : StatusMapping.FromTrailers(value, FindHeader(response.TrailingHeaders, GrpcProtocolConstants.MessageTrailer));
        Finish(status, ToMetadata(response.TrailingHeaders));
        response.Dispose();
    }

    private void Finish(Status status, Metadata trailers)
    {
        lock (_gate)
        {
            if (_status is not null)
            {
                return;
            }

            // A call that ends CANCELLED after its deadline reports DEADLINE_EXCEEDED (grpc-wire.md §1.6).
            _status = _deadlineExceeded && status.StatusCode is StatusCode.Cancelled or StatusCode.Internal or StatusCode.Unavailable or StatusCode.Unknown
                ? new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.")
                : status;
            _trailers = trailers;
        }
    }

    private void Cancel(bool deadline)
    {
        HttpResponseMessage? response;
        lock (_gate)
        {
            if (deadline)
            {
                _deadlineExceeded = true;
            }

            response = _response;
        }

        if (_status is null)
        {
            Finish(deadline ? new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.") : new Status(StatusCode.Cancelled, "Call cancelled by the client."), Metadata.Empty);
        }

        _headers.TrySetException(new RpcException(_status!.Value));

        // Fault (not complete) the request body so no END_STREAM is sent, then dispose the response: RST_STREAM (§2.5, §2.6).
        _content.Abort(new OperationCanceledException("The call was cancelled."));
        try
        {
            _callCts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        response?.Dispose();
    }

    private void ThrowIfFinishedWithError()
    {
        if (_status is { } status && status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, _trailers);
        }
    }

    private Status MapFailure(Exception ex)
    {
        if (_deadlineExceeded)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }

        if (_status is { } known)
        {
            return known;
        }

        if (_options.CancellationToken.IsCancellationRequested || ex is OperationCanceledException)
        {
            return new Status(StatusCode.Cancelled, "Call cancelled by the client.");
        }

        return _response is null
            ? new Status(StatusCode.Unavailable, "Error starting gRPC call. " + ex.GetType().Name + ": " + ex.Message)
            : new Status(StatusCode.Unavailable, "Error reading the response. " + ex.GetType().Name + ": " + ex.Message);
    }

    private static string? FindHeader(HttpHeaders headers, string name)
        => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                MetadataCodec.AddFromHeader(metadata, header.Key, value);
            }
        }

        return metadata;
    }
}
