// Hand-written stand-in for the generated service code of stagecontrol.v1.StatusService (protos/stagecontrol/v1/status.proto).
using StageControl.Rpc;

namespace StageControl.Protos.V1;

/// <summary>The stage status service: method descriptors, server base and client.</summary>
public static class StatusService
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "stagecontrol.v1.StatusService";

    /// <summary><c>/stagecontrol.v1.StatusService/GetStatus</c>.</summary>
    public static readonly Method<GetStatusRequest, StatusSnapshot> GetStatusMethod = new(
        MethodType.Unary, ServiceName, "GetStatus",
        Marshallers.ForProtobuf(GetStatusRequest.Parser), Marshallers.ForProtobuf(StatusSnapshot.Parser));

    /// <summary><c>/stagecontrol.v1.StatusService/WatchStatus</c>.</summary>
    public static readonly Method<WatchStatusRequest, StatusSnapshot> WatchStatusMethod = new(
        MethodType.ServerStreaming, ServiceName, "WatchStatus",
        Marshallers.ForProtobuf(WatchStatusRequest.Parser), Marshallers.ForProtobuf(StatusSnapshot.Parser));

    /// <summary>Server base; methods not overridden answer UNIMPLEMENTED.</summary>
    public abstract class StatusServiceBase : IRpcService
    {
        /// <summary>One snapshot.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The snapshot.</returns>
        public virtual Task<StatusSnapshot> GetStatus(GetStatusRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Snapshots at an interval.</summary>
        /// <param name="request">The request.</param>
        /// <param name="responseStream">Where snapshots go.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the call ends.</returns>
        public virtual Task WatchStatus(WatchStatusRequest request, IServerStreamWriter<StatusSnapshot> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <inheritdoc />
        public void BindService(RpcServiceBinder binder)
        {
            ArgumentNullException.ThrowIfNull(binder);
            binder.AddMethod(GetStatusMethod, new UnaryServerMethod<GetStatusRequest, StatusSnapshot>(GetStatus));
            binder.AddMethod(WatchStatusMethod, new ServerStreamingServerMethod<WatchStatusRequest, StatusSnapshot>(WatchStatus));
        }
    }

    /// <summary>Typed client.</summary>
    /// <param name="callInvoker">The invoker of a channel.</param>
    public sealed class StatusServiceClient(CallInvoker callInvoker)
    {
        /// <summary>Gets one snapshot.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<StatusSnapshot> GetStatusAsync(GetStatusRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(GetStatusMethod, null, options, request);

        /// <summary>Watches snapshots.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncServerStreamingCall<StatusSnapshot> WatchStatus(WatchStatusRequest request, CallOptions options = default)
            => callInvoker.AsyncServerStreamingCall(WatchStatusMethod, null, options, request);
    }
}
