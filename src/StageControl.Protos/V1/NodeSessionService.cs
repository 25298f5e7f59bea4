// Hand-written stand-in for the generated service code of stagecontrol.v1.NodeSession (protos/stagecontrol/v1/node.proto),
// same shape as Grpc.Tools output (NodeSession.NodeSessionBase, NodeSession.NodeSessionClient).
using StageControl.Rpc;

namespace StageControl.Protos.V1;

/// <summary>The render-node session service: method descriptor, server base and client.</summary>
public static class NodeSession
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "stagecontrol.v1.NodeSession";

    /// <summary><c>/stagecontrol.v1.NodeSession/Session</c>.</summary>
    public static readonly Method<NodeMessage, CoordinatorMessage> SessionMethod = new(
        MethodType.DuplexStreaming, ServiceName, "Session",
        Marshallers.ForProtobuf(NodeMessage.Parser), Marshallers.ForProtobuf(CoordinatorMessage.Parser));

    /// <summary>Server base: override <see cref="Session"/>; if not overridden it answers UNIMPLEMENTED.</summary>
    public abstract class NodeSessionBase : IRpcService
    {
        /// <summary>One node's session.</summary>
        /// <param name="requestStream">Messages from the node.</param>
        /// <param name="responseStream">Messages to the node.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the session ends.</returns>
        public virtual Task Session(IAsyncStreamReader<NodeMessage> requestStream, IServerStreamWriter<CoordinatorMessage> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <inheritdoc />
        public void BindService(RpcServiceBinder binder)
        {
            ArgumentNullException.ThrowIfNull(binder);
            binder.AddMethod(SessionMethod, new DuplexStreamingServerMethod<NodeMessage, CoordinatorMessage>(Session));
        }
    }

    /// <summary>Typed client.</summary>
    /// <param name="callInvoker">The invoker of a channel.</param>
    public sealed class NodeSessionClient(CallInvoker callInvoker)
    {
        /// <summary>Opens a session.</summary>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncDuplexStreamingCall<NodeMessage, CoordinatorMessage> Session(CallOptions options = default)
            => callInvoker.AsyncDuplexStreamingCall(SessionMethod, null, options);
    }
}
