// Hand-written stand-in for the generated service code of stagecontrol.v1.Echo (protos/stagecontrol/v1/echo.proto),
// the test-only service that proves the four call kinds. Same shape as Grpc.Tools output (Echo.EchoBase, Echo.EchoClient).
using StageControl.Rpc;

namespace StageControl.Protos.Echo;

/// <summary>The Echo service: method descriptors, server base and client.</summary>
public static class Echo
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "stagecontrol.v1.Echo";

    private static readonly Marshaller<EchoRequest> s_request = Marshallers.ForProtobuf(EchoRequest.Parser);
    private static readonly Marshaller<EchoReply> s_reply = Marshallers.ForProtobuf(EchoReply.Parser);

    /// <summary><c>/stagecontrol.v1.Echo/Unary</c>.</summary>
    public static readonly Method<EchoRequest, EchoReply> UnaryMethod = new(MethodType.Unary, ServiceName, "Unary", s_request, s_reply);

    /// <summary><c>/stagecontrol.v1.Echo/ServerStream</c>.</summary>
    public static readonly Method<EchoRequest, EchoReply> ServerStreamMethod = new(MethodType.ServerStreaming, ServiceName, "ServerStream", s_request, s_reply);

    /// <summary><c>/stagecontrol.v1.Echo/ClientStream</c>.</summary>
    public static readonly Method<EchoRequest, EchoReply> ClientStreamMethod = new(MethodType.ClientStreaming, ServiceName, "ClientStream", s_request, s_reply);

    /// <summary><c>/stagecontrol.v1.Echo/Bidi</c>.</summary>
    public static readonly Method<EchoRequest, EchoReply> BidiMethod = new(MethodType.DuplexStreaming, ServiceName, "Bidi", s_request, s_reply);

    /// <summary>Server base: override the methods; unimplemented ones answer UNIMPLEMENTED.</summary>
    public abstract class EchoBase : IRpcService
    {
        /// <summary>Unary echo.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The reply.</returns>
        public virtual Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Server-streaming echo.</summary>
        /// <param name="request">The request.</param>
        /// <param name="responseStream">Where replies go.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when done.</returns>
        public virtual Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Client-streaming echo.</summary>
        /// <param name="requestStream">The requests.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The reply.</returns>
        public virtual Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Bidirectional echo.</summary>
        /// <param name="requestStream">The requests.</param>
        /// <param name="responseStream">Where replies go.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when done.</returns>
        public virtual Task Bidi(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <inheritdoc />
        public void BindService(RpcServiceBinder binder)
        {
            ArgumentNullException.ThrowIfNull(binder);
            binder.AddMethod(UnaryMethod, new UnaryServerMethod<EchoRequest, EchoReply>(Unary));
            binder.AddMethod(ServerStreamMethod, new ServerStreamingServerMethod<EchoRequest, EchoReply>(ServerStream));
            binder.AddMethod(ClientStreamMethod, new ClientStreamingServerMethod<EchoRequest, EchoReply>(ClientStream));
            binder.AddMethod(BidiMethod, new DuplexStreamingServerMethod<EchoRequest, EchoReply>(Bidi));
        }
    }

    /// <summary>Typed client.</summary>
    /// <param name="callInvoker">The invoker of a channel.</param>
    public sealed class EchoClient(CallInvoker callInvoker)
    {
        /// <summary>Unary echo.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<EchoReply> UnaryAsync(EchoRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(UnaryMethod, null, options, request);

        /// <summary>Server-streaming echo.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncServerStreamingCall<EchoReply> ServerStream(EchoRequest request, CallOptions options = default)
            => callInvoker.AsyncServerStreamingCall(ServerStreamMethod, null, options, request);

        /// <summary>Client-streaming echo.</summary>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncClientStreamingCall<EchoRequest, EchoReply> ClientStream(CallOptions options = default)
            => callInvoker.AsyncClientStreamingCall(ClientStreamMethod, null, options);

        /// <summary>Bidirectional echo.</summary>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncDuplexStreamingCall<EchoRequest, EchoReply> Bidi(CallOptions options = default)
            => callInvoker.AsyncDuplexStreamingCall(BidiMethod, null, options);
    }
}
