using StageControl.Coordinator.Hosting;
using StageControl.Coordinator.Security;
using StageControl.Core.Security;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Services;

/// <summary>stagecontrol.v1.CalibrationService: every camera's registration, delay and filter (technicians only: the
/// access policy). A change applies from the next frame and is saved by the state store.</summary>
internal sealed class CalibrationServiceImpl(CoordinatorRuntime runtime) : CalibrationService.CalibrationServiceBase
{
    /// <inheritdoc/>
    public override Task<StageCalibration> GetCalibration(GetCalibrationRequest request, ServerCallContext context) =>
        Task.FromResult(runtime.Calibration.Snapshot());

    /// <inheritdoc/>
    public override Task<CameraCalibration> SetCameraCalibration(SetCameraCalibrationRequest request, ServerCallContext context) =>
        Task.FromResult(runtime.Calibration.Set(request, ChangedBy(context), runtime.Clock.UnixNow()));

    /// <inheritdoc/>
    public override Task<SolveRegistrationResponse> SolveRegistration(SolveRegistrationRequest request, ServerCallContext context) =>
        Task.FromResult(runtime.Calibration.Solve(request, ChangedBy(context), runtime.Clock.UnixNow()));

    /// <summary>"role:subject" (or the role alone) from the caller's token; "local" when no tokens are checked.</summary>
    private static string ChangedBy(ServerCallContext context)
    {
        if (context.UserState.TryGetValue(AccessCheck.TokenKey, out var value) && value is AccessToken token)
        {
            var role = AccessRoles.Name(token.Role);
            return string.IsNullOrEmpty(token.Subject) ? role : role + ":" + token.Subject;
        }

        return CollaboratorServiceImpl.LocalSubject;
    }
}
