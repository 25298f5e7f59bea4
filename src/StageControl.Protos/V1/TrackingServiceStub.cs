// Hand-written stand-in for the generated service code of stagecontrol.v1.TrackingService (protos/stagecontrol/v1/tracking.proto).
using StageControl.Rpc;

namespace StageControl.Protos.V1;

/// <summary>The tracking service: method descriptors, server base and client.</summary>
public static class TrackingService
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "stagecontrol.v1.TrackingService";

    /// <summary><c>/stagecontrol.v1.TrackingService/StreamCameras</c>.</summary>
    public static readonly Method<StreamCamerasRequest, CameraUpdate> StreamCamerasMethod = new(
        MethodType.ServerStreaming, ServiceName, "StreamCameras",
        Marshallers.ForProtobuf(StreamCamerasRequest.Parser), Marshallers.ForProtobuf(CameraUpdate.Parser));

    /// <summary><c>/stagecontrol.v1.TrackingService/ListSources</c>.</summary>
    public static readonly Method<ListSourcesRequest, SourceList> ListSourcesMethod = new(
        MethodType.Unary, ServiceName, "ListSources",
        Marshallers.ForProtobuf(ListSourcesRequest.Parser), Marshallers.ForProtobuf(SourceList.Parser));

    /// <summary>Server base; methods not overridden answer UNIMPLEMENTED.</summary>
    public abstract class TrackingServiceBase : IRpcService
    {
        /// <summary>Streams camera states.</summary>
        /// <param name="request">The request.</param>
        /// <param name="responseStream">Where updates go.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the call ends.</returns>
        public virtual Task StreamCameras(StreamCamerasRequest request, IServerStreamWriter<CameraUpdate> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Lists tracking sources.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The sources.</returns>
        public virtual Task<SourceList> ListSources(ListSourcesRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <inheritdoc />
        public void BindService(RpcServiceBinder binder)
        {
            ArgumentNullException.ThrowIfNull(binder);
            binder.AddMethod(StreamCamerasMethod, new ServerStreamingServerMethod<StreamCamerasRequest, CameraUpdate>(StreamCameras));
            binder.AddMethod(ListSourcesMethod, new UnaryServerMethod<ListSourcesRequest, SourceList>(ListSources));
        }
    }

    /// <summary>Typed client.</summary>
    /// <param name="callInvoker">The invoker of a channel.</param>
    public sealed class TrackingServiceClient(CallInvoker callInvoker)
    {
        /// <summary>Streams camera states.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncServerStreamingCall<CameraUpdate> StreamCameras(StreamCamerasRequest request, CallOptions options = default)
            => callInvoker.AsyncServerStreamingCall(StreamCamerasMethod, null, options, request);

        /// <summary>Lists tracking sources.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<SourceList> ListSourcesAsync(ListSourcesRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(ListSourcesMethod, null, options, request);
    }
}
