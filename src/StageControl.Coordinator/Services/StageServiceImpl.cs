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
        var config = runtime.Config;
        var model = new StageModel
        {
            Name = config.Name,
            Rate = ProtoMapping.ToProto(config.FrameRate),
            TotalPixels = config.PixelCount,
            ConfigPath = runtime.ConfigPath ?? string.Empty,
        };
        foreach (var panel in config.Panels)
        {
            model.Panels.Add(ProtoMapping.ToProto(panel, config.NodeForPanel(panel.Id) ?? string.Empty));
        }

        foreach (var node in config.Nodes)
        {
            var info = new NodeInfo { Name = node.Name };
            info.Panels.Add(node.Panels);
            long pixels = 0;
            foreach (var id in node.Panels)
            {
                pixels += config.FindPanel(id)?.PixelCount ?? 0;
            }

            info.Pixels = pixels;
            foreach (var output in node.Outputs)
            {
                info.Outputs.Add(ProtoMapping.OutputName(output));
            }

            model.Nodes.Add(info);
        }

        foreach (var camera in config.Cameras)
        {
            model.Cameras.Add(new CameraInfo
            {
                Name = camera.Name,
                Protocol = ProtoMapping.ProtocolName(camera.Tracking.Protocol),
                Port = camera.Tracking.Port,
                CameraId = camera.Tracking.CameraId,
                SensorWidthMm = camera.Sensor.WidthMm,
                SensorHeightMm = camera.Sensor.HeightMm,
                FocalLengthMm = camera.Lens.FocalLengthMm,
                EntrancePupilOffsetM = camera.Lens.EntrancePupilOffsetM,
            });
        }

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
