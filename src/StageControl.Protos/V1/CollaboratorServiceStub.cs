// Hand-written stand-in for the generated service code of stagecontrol.v1.CollaboratorService (protos/stagecontrol/v1/collaborator.proto).
using StageControl.Rpc;

namespace StageControl.Protos.V1;

/// <summary>A collaborator's own virtual camera and annotations: method descriptors, server base and client.</summary>
public static class CollaboratorService
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "stagecontrol.v1.CollaboratorService";

    /// <summary><c>/stagecontrol.v1.CollaboratorService/SetVirtualCamera</c>.</summary>
    public static readonly Method<SetVirtualCameraRequest, CameraState> SetVirtualCameraMethod = new(
        MethodType.Unary, ServiceName, "SetVirtualCamera",
        Marshallers.ForProtobuf(SetVirtualCameraRequest.Parser), Marshallers.ForProtobuf(CameraState.Parser));

    /// <summary><c>/stagecontrol.v1.CollaboratorService/ClearVirtualCamera</c>.</summary>
    public static readonly Method<ClearVirtualCameraRequest, ClearVirtualCameraReply> ClearVirtualCameraMethod = new(
        MethodType.Unary, ServiceName, "ClearVirtualCamera",
        Marshallers.ForProtobuf(ClearVirtualCameraRequest.Parser), Marshallers.ForProtobuf(ClearVirtualCameraReply.Parser));

    /// <summary><c>/stagecontrol.v1.CollaboratorService/AddAnnotation</c>.</summary>
    public static readonly Method<AddAnnotationRequest, Annotation> AddAnnotationMethod = new(
        MethodType.Unary, ServiceName, "AddAnnotation",
        Marshallers.ForProtobuf(AddAnnotationRequest.Parser), Marshallers.ForProtobuf(Annotation.Parser));

    /// <summary><c>/stagecontrol.v1.CollaboratorService/RemoveAnnotation</c>.</summary>
    public static readonly Method<RemoveAnnotationRequest, RemoveAnnotationReply> RemoveAnnotationMethod = new(
        MethodType.Unary, ServiceName, "RemoveAnnotation",
        Marshallers.ForProtobuf(RemoveAnnotationRequest.Parser), Marshallers.ForProtobuf(RemoveAnnotationReply.Parser));

    /// <summary><c>/stagecontrol.v1.CollaboratorService/ListAnnotations</c>.</summary>
    public static readonly Method<ListAnnotationsRequest, AnnotationList> ListAnnotationsMethod = new(
        MethodType.Unary, ServiceName, "ListAnnotations",
        Marshallers.ForProtobuf(ListAnnotationsRequest.Parser), Marshallers.ForProtobuf(AnnotationList.Parser));

    /// <summary><c>/stagecontrol.v1.CollaboratorService/WatchAnnotations</c>.</summary>
    public static readonly Method<WatchAnnotationsRequest, AnnotationList> WatchAnnotationsMethod = new(
        MethodType.ServerStreaming, ServiceName, "WatchAnnotations",
        Marshallers.ForProtobuf(WatchAnnotationsRequest.Parser), Marshallers.ForProtobuf(AnnotationList.Parser));

    /// <summary>Server base; methods not overridden answer UNIMPLEMENTED.</summary>
    public abstract class CollaboratorServiceBase : IRpcService
    {
        /// <summary>Sets the caller's virtual camera.</summary>
        /// <param name="request">The pose and optics.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The camera as cued.</returns>
        public virtual Task<CameraState> SetVirtualCamera(SetVirtualCameraRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Removes a virtual camera.</summary>
        /// <param name="request">Whose.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Whether one was removed.</returns>
        public virtual Task<ClearVirtualCameraReply> ClearVirtualCamera(ClearVirtualCameraRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Adds an annotation.</summary>
        /// <param name="request">Text, position, colour.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The annotation with its id.</returns>
        public virtual Task<Annotation> AddAnnotation(AddAnnotationRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Removes an annotation.</summary>
        /// <param name="request">Its id.</param>
        /// <param name="context">The call context.</param>
        /// <returns>An empty reply.</returns>
        public virtual Task<RemoveAnnotationReply> RemoveAnnotation(RemoveAnnotationRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Every annotation.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The list.</returns>
        public virtual Task<AnnotationList> ListAnnotations(ListAnnotationsRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>The list now and after every change.</summary>
        /// <param name="request">The request.</param>
        /// <param name="responseStream">Where lists go.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the call ends.</returns>
        public virtual Task WatchAnnotations(WatchAnnotationsRequest request, IServerStreamWriter<AnnotationList> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <inheritdoc />
        public void BindService(RpcServiceBinder binder)
        {
            ArgumentNullException.ThrowIfNull(binder);
            binder.AddMethod(SetVirtualCameraMethod, new UnaryServerMethod<SetVirtualCameraRequest, CameraState>(SetVirtualCamera));
            binder.AddMethod(ClearVirtualCameraMethod, new UnaryServerMethod<ClearVirtualCameraRequest, ClearVirtualCameraReply>(ClearVirtualCamera));
            binder.AddMethod(AddAnnotationMethod, new UnaryServerMethod<AddAnnotationRequest, Annotation>(AddAnnotation));
            binder.AddMethod(RemoveAnnotationMethod, new UnaryServerMethod<RemoveAnnotationRequest, RemoveAnnotationReply>(RemoveAnnotation));
            binder.AddMethod(ListAnnotationsMethod, new UnaryServerMethod<ListAnnotationsRequest, AnnotationList>(ListAnnotations));
            binder.AddMethod(WatchAnnotationsMethod, new ServerStreamingServerMethod<WatchAnnotationsRequest, AnnotationList>(WatchAnnotations));
        }
    }

    /// <summary>Typed client.</summary>
    /// <param name="callInvoker">The invoker of a channel.</param>
    public sealed class CollaboratorServiceClient(CallInvoker callInvoker)
    {
        /// <summary>Sets the caller's virtual camera.</summary>
        /// <param name="request">The pose and optics.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<CameraState> SetVirtualCameraAsync(SetVirtualCameraRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(SetVirtualCameraMethod, null, options, request);

        /// <summary>Removes a virtual camera.</summary>
        /// <param name="request">Whose.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<ClearVirtualCameraReply> ClearVirtualCameraAsync(ClearVirtualCameraRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(ClearVirtualCameraMethod, null, options, request);

        /// <summary>Adds an annotation.</summary>
        /// <param name="request">Text, position, colour.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<Annotation> AddAnnotationAsync(AddAnnotationRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(AddAnnotationMethod, null, options, request);

        /// <summary>Removes an annotation.</summary>
        /// <param name="request">Its id.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<RemoveAnnotationReply> RemoveAnnotationAsync(RemoveAnnotationRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(RemoveAnnotationMethod, null, options, request);

        /// <summary>Lists annotations.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<AnnotationList> ListAnnotationsAsync(ListAnnotationsRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(ListAnnotationsMethod, null, options, request);

        /// <summary>Watches annotations.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncServerStreamingCall<AnnotationList> WatchAnnotations(WatchAnnotationsRequest request, CallOptions options = default)
            => callInvoker.AsyncServerStreamingCall(WatchAnnotationsMethod, null, options, request);
    }
}
