using System.Globalization;
using Google.Protobuf;
using StageControl.Coordinator.Hosting;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Remote;

/// <summary>
/// stagecontrol.v1.Federation on the primary: one Link stream per secondary (federation.proto). The first message must
/// be Hello; the answer is this site's Hello and Timebase, then pongs and every other site's state. T2 of each ping is
/// stamped as soon as the message is read. A link silent for 3 × the link timeout is ended; an undecodable message ends
/// the link (refused, counted); any other bad message is refused and the link goes on. A coordinator that is itself a
/// secondary refuses links (FAILED_PRECONDITION). Tokens are checked by the server's authoriser, not here.
/// </summary>
internal sealed class FederationService(CoordinatorRuntime runtime, FederationRuntime federation) : Protos.V1.Federation.FederationBase
{
    /// <inheritdoc/>
    public override async Task Link(IAsyncStreamReader<LinkMessage> requestStream, IServerStreamWriter<LinkMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        if (federation.Secondary is not null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"site '{federation.Site}' is a secondary; link to its primary {federation.Options.Join}"));
        }

        var silence = federation.Options.LinkTimeout * 3;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, runtime.Stopping);
        session.CancelAfter(silence);
        bool any;
        try
        {
            any = await requestStream.MoveNext(session.Token);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Internal)
        {
            federation.Refuse(null, "bad message", $"undecodable first message from {context.Peer}: {e.Status.Detail}");
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first message of a link must be Hello"));
        }

        if (!any)
        {
            return;
        }

        var first = requestStream.Current;
        if (first.KindCase != LinkMessage.KindOneofCase.Hello)
        {
            federation.Refuse(null, "bad message", $"first message {first.KindCase} from {context.Peer}");
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"the first message of a link must be Hello, not {first.KindCase}"));
        }

        var outbound = new LinkOutbound(runtime.Clock);
        using var link = federation.Attach(first.Hello, context.Peer, outbound);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(session.Token, link.Ending);
        var writing = WriteAsync(outbound, responseStream, ending.Token);
        var why = "the secondary closed it";
        try
        {
            while (true)
            {
                session.CancelAfter(silence);
                if (!await requestStream.MoveNext(ending.Token))
                {
                    break;
                }

                var t2 = runtime.Clock.UnixNow();
                federation.OnFromSecondary(link, requestStream.Current, t2);
            }
        }
        catch (OperationCanceledException)
        {
            why = link.Ending.IsCancellationRequested ? "replaced or stopping"
                : runtime.Stopping.IsCancellationRequested ? "stopping"
                : context.CancellationToken.IsCancellationRequested ? "the call was cancelled"
                : string.Create(CultureInfo.InvariantCulture, $"silent for {silence.TotalSeconds:F0} s");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Internal)
        {
            // Undecodable bytes: the stream cannot be trusted past them.
            federation.Refuse(link.Site, "bad message", e.Status.Detail);
            why = "an undecodable message";
        }
        catch (Exception e) when (e is IOException or RpcException or InvalidProtocolBufferException)
        {
            why = e.Message;
        }
        finally
        {
            federation.Detach(link, why);
            outbound.Complete();
            await ending.CancelAsync();
            try
            {
                await writing;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
                // The stream is gone.
            }
        }
    }

    private static Task WriteAsync(LinkOutbound outbound, IServerStreamWriter<LinkMessage> writer, CancellationToken token) =>
        outbound.RunAsync(writer, token);
}
