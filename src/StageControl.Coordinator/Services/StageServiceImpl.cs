using StageControl.Coordinator.Hosting;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Services;

/// <summary>stagecontrol.v1.StageService: the stage model as loaded.</summary>
internal sealed class StageServiceImpl(CoordinatorRuntime runtime) : StageService.StageServiceBase
{
    /// <inheritdoc/>
    public override Task<StageModel> GetStage(GetStageRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = runtime.StageModel();
        if (request.IncludeConfigJson && runtime.ConfigPath is { } path)
        {
            try
            {
                model.ConfigJson = File.ReadAllText(path);
            }
            catch (IOException e)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, $"cannot read {path}: {e.Message}"));
            }
        }

        return Task.FromResult(model);
    }
}
