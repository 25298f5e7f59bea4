// Hand-written stand-in for the Grpc.Tools-generated service code of grpc.health.v1.Health (protos/grpc/health/v1/
// health.proto). Same names as generated code (Health.HealthBase, Health.HealthClient) so the swap to
// GrpcServices="Both" deletes this file and nothing else changes (shared/notes/grpc-wire.md §4.2).
using StageControl.Rpc;

namespace Grpc.Health.V1;

/// <summary>The standard gRPC health service: method descriptors, server base and client.</summary>
public static class Health
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "grpc.health.v1.Health";

    private static readonly Marshaller<HealthCheckRequest> s_request = Marshallers.ForProtobuf(HealthCheckRequest.Parser);
    private static readonly Marshaller<HealthCheckResponse> s_response = Marshallers.ForProtobuf(HealthCheckResponse.Parser);

    /// <summary><c>/grpc.health.v1.Health/Check</c>.</summary>
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> CheckMethod = new(MethodType.Unary, ServiceName, "Check", s_request, s_response);

    /// <summary><c>/grpc.health.v1.Health/Watch</c>.</summary>
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> WatchMethod = new(MethodType.ServerStreaming, ServiceName, "Watch", s_request, s_response);

    /// <summary>Server base: override the methods; unimplemented ones answer UNIMPLEMENTED.</summary>
    public abstract class HealthBase : IRpcService
    {
        /// <summary>Unary probe.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The status of the service.</returns>
        public virtual Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Streams the status now and on every change.</summary>
        /// <param name="request">The request.</param>
        /// <param name="responseStream">Where statuses go.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the watch ends.</returns>
        public virtual Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <inheritdoc />
        public void BindService(RpcServiceBinder binder)
        {
            ArgumentNullException.ThrowIfNull(binder);
            binder.AddMethod(CheckMethod, new UnaryServerMethod<HealthCheckRequest, HealthCheckResponse>(Check));
            binder.AddMethod(WatchMethod, new ServerStreamingServerMethod<HealthCheckRequest, HealthCheckResponse>(Watch));
        }
    }

    /// <summary>Typed client.</summary>
    /// <param name="callInvoker">The invoker of a channel.</param>
    public sealed class HealthClient(CallInvoker callInvoker)
    {
        /// <summary>Unary probe.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options (set a deadline).</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<HealthCheckResponse> CheckAsync(HealthCheckRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(CheckMethod, null, options, request);

        /// <summary>Watches the status.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncServerStreamingCall<HealthCheckResponse> Watch(HealthCheckRequest request, CallOptions options = default)
            => callInvoker.AsyncServerStreamingCall(WatchMethod, null, options, request);
    }
}
