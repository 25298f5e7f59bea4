// Hand-written stand-in for the generated service code of stagecontrol.v1.Federation (protos/stagecontrol/v1/federation.proto),
// same shape as Grpc.Tools output (Federation.FederationBase, Federation.FederationClient).
using StageControl.Rpc;

namespace StageControl.Protos.V1;

/// <summary>The federation link service between coordinators: method descriptor, server base and client.</summary>
public static class Federation
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "stagecontrol.v1.Federation";

    /// <summary><c>/stagecontrol.v1.Federation/Link</c>.</summary>
    public static readonly Method<LinkMessage, LinkMessage> LinkMethod = new(
        MethodType.DuplexStreaming, ServiceName, "Link",
        Marshallers.ForProtobuf(LinkMessage.Parser), Marshallers.ForProtobuf(LinkMessage.Parser));

    /// <summary>Server base: override <see cref="Link"/>; if not overridden it answers UNIMPLEMENTED.</summary>
    public abstract class FederationBase : IRpcService
    {
        /// <summary>One secondary's link.</summary>
        /// <param name="requestStream">Messages from the secondary.</param>
        /// <param name="responseStream">Messages to the secondary.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the link ends.</returns>
        public virtual Task Link(IAsyncStreamReader<LinkMessage> requestStream, IServerStreamWriter<LinkMessage> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <inheritdoc />
        public void BindService(RpcServiceBinder binder)
        {
            ArgumentNullException.ThrowIfNull(binder);
            binder.AddMethod(LinkMethod, new DuplexStreamingServerMethod<LinkMessage, LinkMessage>(Link));
        }
    }

    /// <summary>Typed client.</summary>
    /// <param name="callInvoker">The invoker of a channel.</param>
    public sealed class FederationClient(CallInvoker callInvoker)
    {
        /// <summary>Opens a link.</summary>
        /// <param name="options">Call options (the link token goes in the headers as <c>authorization: Bearer T</c>).</param>
        /// <returns>The call.</returns>
        public AsyncDuplexStreamingCall<LinkMessage, LinkMessage> Link(CallOptions options = default)
            => callInvoker.AsyncDuplexStreamingCall(LinkMethod, null, options);
    }
}
