// Hand-written stand-in for the generated service code of stagecontrol.v1.OperatorService (protos/stagecontrol/v1/operator.proto).
using StageControl.Rpc;

namespace StageControl.Protos.V1;

/// <summary>The operator (DoP) controls service: method descriptors, server base and client.</summary>
public static class OperatorService
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "stagecontrol.v1.OperatorService";

    /// <summary><c>/stagecontrol.v1.OperatorService/GetControls</c>.</summary>
    public static readonly Method<GetControlsRequest, OperatorState> GetControlsMethod = new(
        MethodType.Unary, ServiceName, "GetControls",
        Marshallers.ForProtobuf(GetControlsRequest.Parser), Marshallers.ForProtobuf(OperatorState.Parser));

    /// <summary><c>/stagecontrol.v1.OperatorService/SetControls</c>.</summary>
    public static readonly Method<SetControlsRequest, OperatorState> SetControlsMethod = new(
        MethodType.Unary, ServiceName, "SetControls",
        Marshallers.ForProtobuf(SetControlsRequest.Parser), Marshallers.ForProtobuf(OperatorState.Parser));

    /// <summary>Server base; methods not overridden answer UNIMPLEMENTED.</summary>
    public abstract class OperatorServiceBase : IRpcService
    {
        /// <summary>The current controls.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The state.</returns>
        public virtual Task<OperatorState> GetControls(GetControlsRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Changes controls.</summary>
        /// <param name="request">The change.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The new state.</returns>
        public virtual Task<OperatorState> SetControls(SetControlsRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <inheritdoc />
        public void BindService(RpcServiceBinder binder)
        {
            ArgumentNullException.ThrowIfNull(binder);
            binder.AddMethod(GetControlsMethod, new UnaryServerMethod<GetControlsRequest, OperatorState>(GetControls));
            binder.AddMethod(SetControlsMethod, new UnaryServerMethod<SetControlsRequest, OperatorState>(SetControls));
        }
    }

    /// <summary>Typed client.</summary>
    /// <param name="callInvoker">The invoker of a channel.</param>
    public sealed class OperatorServiceClient(CallInvoker callInvoker)
    {
        /// <summary>Gets the controls.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<OperatorState> GetControlsAsync(GetControlsRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(GetControlsMethod, null, options, request);

        /// <summary>Sets controls.</summary>
        /// <param name="request">The change.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<OperatorState> SetControlsAsync(SetControlsRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(SetControlsMethod, null, options, request);
    }
}
