// Hand-written stand-in for the generated service code of stagecontrol.v1.StageService (protos/stagecontrol/v1/stage.proto).
using StageControl.Rpc;

namespace StageControl.Protos.V1;

/// <summary>The stage-model service: method descriptor, server base and client.</summary>
public static class StageService
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "stagecontrol.v1.StageService";

    /// <summary><c>/stagecontrol.v1.StageService/GetStage</c>.</summary>
    public static readonly Method<GetStageRequest, StageModel> GetStageMethod = new(
        MethodType.Unary, ServiceName, "GetStage",
        Marshallers.ForProtobuf(GetStageRequest.Parser), Marshallers.ForProtobuf(StageModel.Parser));

    /// <summary>Server base; methods not overridden answer UNIMPLEMENTED.</summary>
    public abstract class StageServiceBase : IRpcService
    {
        /// <summary>The loaded stage model.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The model.</returns>
        public virtual Task<StageModel> GetStage(GetStageRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <inheritdoc />
        public void BindService(RpcServiceBinder binder)
        {
            ArgumentNullException.ThrowIfNull(binder);
            binder.AddMethod(GetStageMethod, new UnaryServerMethod<GetStageRequest, StageModel>(GetStage));
        }
    }

    /// <summary>Typed client.</summary>
    /// <param name="callInvoker">The invoker of a channel.</param>
    public sealed class StageServiceClient(CallInvoker callInvoker)
    {
        /// <summary>Gets the stage model.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<StageModel> GetStageAsync(GetStageRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(GetStageMethod, null, options, request);
    }
}
