using StageControl.Coordinator.Frames;
using StageControl.Coordinator.Hosting;
using StageControl.Coordinator.Registry;
using StageControl.Coordinator.Security;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Services;

/// <summary>
/// stagecontrol.v1.NodeSession: one bidirectional stream per render node (node.proto). The first message must be Join;
/// the answer is the Assignment, then cues, presents and poses from the node's <see cref="NodeOutbound"/> writer. The
/// session ends when the node closes its stream, the stream dies, or the coordinator ends it
/// (<see cref="NodeConnection.End"/>). After a Shutdown is written the session stays open until the node has read it and
/// ended its request stream (<see cref="CoordinatorHost.StopAsync"/> waits for that, bounded, before it stops Kestrel:
/// a node whose reader is busy when the connection closes would lose the Shutdown with the connection's buffered data).
/// </summary>
internal sealed class NodeSessionService(CoordinatorRuntime runtime, AccessCheck? access = null) : NodeSession.NodeSessionBase
{
    /// <inheritdoc/>
    public override async Task Session(IAsyncStreamReader<NodeMessage> requestStream, IServerStreamWriter<CoordinatorMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        if (!await requestStream.MoveNext(context.CancellationToken))
        {
            return;
        }

        var first = requestStream.Current;
        if (first.KindCase != NodeMessage.KindOneofCase.Join)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"the first message of a node session must be Join, not {first.KindCase}"));
        }

        // A node token bound to a name joins only as that node.
        access?.EnsureNodeMayJoin(context, first.Join.Name);
        var outbound = new NodeOutbound(responseStream, runtime.Cameras.Count, runtime.Figures.PoseLatency);
        using var connection = new NodeConnection(outbound, context.Peer);
        var assignment = runtime.Registry.Join(first.Join, connection, out var entry);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, connection.Ending);
        outbound.PostControl(new CoordinatorMessage { Assignment = assignment });
        var writing = WriteThenEndAsync(outbound, connection, session.Token);
        try
        {
            while (await requestStream.MoveNext(session.Token))
            {
                runtime.OnNodeMessage(entry, requestStream.Current);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown, or the node went away.
        }
        catch (IOException)
        {
            // The stream died.
        }
        catch (RpcException)
        {
            // The stream was reset.
        }
        finally
        {
            runtime.Registry.Leave(entry, connection);
            connection.End();
            await writing;
        }
    }

    private static async Task WriteThenEndAsync(NodeOutbound outbound, NodeConnection connection, CancellationToken token)
    {
        try
        {
            await outbound.RunAsync(token);
        }
        catch (IOException)
        {
            // The stream died under a write.
        }
        catch (InvalidOperationException)
        {
            // The response has completed.
        }
        finally
        {
            // A dead stream (or our own End) ends the session's reading too. After a Shutdown the node ends the session
            // itself once it has read it; ending it here would complete the response while the node may not have read
            // the Shutdown yet, and Kestrel would then close the connection under the node's reader.
            if (!outbound.ShutdownWritten)
            {
                connection.End();
            }
        }
    }
}
