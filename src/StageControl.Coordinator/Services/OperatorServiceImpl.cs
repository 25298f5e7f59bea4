using StageControl.Coordinator.Hosting;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Services;

/// <summary>stagecontrol.v1.OperatorService: the live controls; a change applies from the next frame boundary.</summary>
internal sealed class OperatorServiceImpl(CoordinatorRuntime runtime) : OperatorService.OperatorServiceBase
{
    /// <inheritdoc/>
    public override Task<OperatorState> GetControls(GetControlsRequest request, ServerCallContext context) =>
        Task.FromResult(runtime.Operator.Current);

    /// <inheritdoc/>
    public override Task<OperatorState> SetControls(SetControlsRequest request, ServerCallContext context) =>
        Task.FromResult(runtime.Operator.Set(request, runtime.Clock.NextFrame()));
}
