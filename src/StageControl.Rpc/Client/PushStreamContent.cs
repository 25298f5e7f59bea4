// Request body for all client calls (shared/notes/grpc-wire.md §2.4; the idea of Grpc.Net.Client's
// PushStreamContent): SerializeToStreamAsync hands the HTTP/2 request stream to the call and completes only when
// the call completes its request side. Completing sends END_STREAM; faulting resets the stream (§2.6).
using System.Net;

namespace StageControl.Rpc.Client;

/// <summary>An HttpContent the call writes into while the request is in flight.</summary>
internal sealed class PushStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushStreamContent() => Headers.TryAddWithoutValidation("Content-Type", Internal.GrpcProtocolConstants.ContentType);

    /// <summary>The request stream, once HttpClient has started sending.</summary>
    public Task<Stream> StreamAsync => _stream.Task;

    /// <summary>Ends the request stream normally (END_STREAM).</summary>
    public void Complete() => _complete.TrySetResult();

    /// <summary>Ends the request stream abnormally (RST_STREAM), e.g. on cancellation.</summary>
    public void Abort(Exception reason)
    {
        _stream.TrySetException(reason);
        _complete.TrySetException(reason);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        _stream.TrySetResult(stream);
        return _complete.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
