// Hand-written stand-in for the generated service code of stagecontrol.v1.CalibrationService (protos/stagecontrol/v1/calibration.proto).
using StageControl.Rpc;

namespace StageControl.Protos.V1;

/// <summary>The stage calibration service (technicians): method descriptors, server base and client.</summary>
public static class CalibrationService
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "stagecontrol.v1.CalibrationService";

    /// <summary><c>/stagecontrol.v1.CalibrationService/GetCalibration</c>.</summary>
    public static readonly Method<GetCalibrationRequest, StageCalibration> GetCalibrationMethod = new(
        MethodType.Unary, ServiceName, "GetCalibration",
        Marshallers.ForProtobuf(GetCalibrationRequest.Parser), Marshallers.ForProtobuf(StageCalibration.Parser));

    /// <summary><c>/stagecontrol.v1.CalibrationService/SetCameraCalibration</c>.</summary>
    public static readonly Method<SetCameraCalibrationRequest, CameraCalibration> SetCameraCalibrationMethod = new(
        MethodType.Unary, ServiceName, "SetCameraCalibration",
        Marshallers.ForProtobuf(SetCameraCalibrationRequest.Parser), Marshallers.ForProtobuf(CameraCalibration.Parser));

    /// <summary><c>/stagecontrol.v1.CalibrationService/SolveRegistration</c>.</summary>
    public static readonly Method<SolveRegistrationRequest, SolveRegistrationResponse> SolveRegistrationMethod = new(
        MethodType.Unary, ServiceName, "SolveRegistration",
        Marshallers.ForProtobuf(SolveRegistrationRequest.Parser), Marshallers.ForProtobuf(SolveRegistrationResponse.Parser));

    /// <summary>Server base; methods not overridden answer UNIMPLEMENTED.</summary>
    public abstract class CalibrationServiceBase : IRpcService
    {
        /// <summary>Every camera's calibration.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The stage's calibration.</returns>
        public virtual Task<StageCalibration> GetCalibration(GetCalibrationRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Changes one camera's calibration.</summary>
        /// <param name="request">The change.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The camera's new calibration.</returns>
        public virtual Task<CameraCalibration> SetCameraCalibration(SetCameraCalibrationRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Solves (and optionally applies) a registration from point pairs.</summary>
        /// <param name="request">The points.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The solution and its residuals.</returns>
        public virtual Task<SolveRegistrationResponse> SolveRegistration(SolveRegistrationRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <inheritdoc />
        public void BindService(RpcServiceBinder binder)
        {
            ArgumentNullException.ThrowIfNull(binder);
            binder.AddMethod(GetCalibrationMethod, new UnaryServerMethod<GetCalibrationRequest, StageCalibration>(GetCalibration));
            binder.AddMethod(SetCameraCalibrationMethod, new UnaryServerMethod<SetCameraCalibrationRequest, CameraCalibration>(SetCameraCalibration));
            binder.AddMethod(SolveRegistrationMethod, new UnaryServerMethod<SolveRegistrationRequest, SolveRegistrationResponse>(SolveRegistration));
        }
    }

    /// <summary>Typed client.</summary>
    /// <param name="callInvoker">The invoker of a channel.</param>
    public sealed class CalibrationServiceClient(CallInvoker callInvoker)
    {
        /// <summary>Gets every camera's calibration.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<StageCalibration> GetCalibrationAsync(GetCalibrationRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(GetCalibrationMethod, null, options, request);

        /// <summary>Changes one camera's calibration.</summary>
        /// <param name="request">The change.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<CameraCalibration> SetCameraCalibrationAsync(SetCameraCalibrationRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(SetCameraCalibrationMethod, null, options, request);

        /// <summary>Solves (and optionally applies) a registration.</summary>
        /// <param name="request">The points.</param>
        /// <param name="options">Call options.</param>
        /// <returns>The call.</returns>
        public AsyncUnaryCall<SolveRegistrationResponse> SolveRegistrationAsync(SolveRegistrationRequest request, CallOptions options = default)
            => callInvoker.AsyncUnaryCall(SolveRegistrationMethod, null, options, request);
    }
}
