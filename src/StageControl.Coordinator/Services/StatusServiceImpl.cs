using StageControl.Coordinator.Hosting;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Services;

/// <summary>stagecontrol.v1.StatusService: snapshots of nodes, cameras, sources and sync.</summary>
internal sealed class StatusServiceImpl(CoordinatorRuntime runtime) : StatusService.StatusServiceBase
{
    /// <inheritdoc/>
    public override Task<StatusSnapshot> GetStatus(GetStatusRequest request, ServerCallContext context) =>
        Task.FromResult(runtime.Snapshot());

    /// <inheritdoc/>
    public override async Task WatchStatus(WatchStatusRequest request, IServerStreamWriter<StatusSnapshot> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var interval = TimeSpan.FromMilliseconds(request.IntervalMs <= 0 ? 1000 : Math.Max(50, request.IntervalMs));
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, runtime.Stopping);
        using var timer = new PeriodicTimer(interval, runtime.Clock.Time);
        try
        {
            do
            {
                await responseStream.WriteAsync(runtime.Snapshot());
            }
            while (await timer.WaitForNextTickAsync(call.Token));
        }
        catch (OperationCanceledException) when (runtime.Stopping.IsCancellationRequested)
        {
            // The coordinator is stopping: end the stream with OK.
        }
    }
}
