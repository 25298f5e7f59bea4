using StageControl.Coordinator.Hosting;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Services;

/// <summary>stagecontrol.v1.TrackingService: camera states as they change (latest wins, rate-limited) and the
/// tracking sources behind them.</summary>
internal sealed class TrackingServiceImpl(CoordinatorRuntime runtime) : TrackingService.TrackingServiceBase
{
    /// <inheritdoc/>
    public override async Task StreamCameras(StreamCamerasRequest request, IServerStreamWriter<CameraUpdate> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        if (!(request.MaxRateHz >= 0) || double.IsInfinity(request.MaxRateHz))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "max_rate_hz: must be 0 (every change) or a positive rate"));
        }

        var hub = runtime.Cameras;
        var wanted = new bool[hub.Count];
        if (request.Cameras.Count == 0)
        {
            Array.Fill(wanted, true);
        }

        foreach (var name in request.Cameras)
        {
            var index = hub.IndexOf(name);
            if (index < 0)
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"cameras: unknown camera '{name}'"));
            }

            wanted[index] = true;
        }

        var time = runtime.Clock.Time;
        var minTicks = request.MaxRateHz > 0 ? (long)(time.TimestampFrequency / request.MaxRateHz) : 0;
        var lastSent = new long[hub.Count];
        Array.Fill(lastSent, long.MinValue / 2);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, runtime.Stopping);
        using var subscription = hub.Subscribe(wanted);

        // The current state first, so a reader sees every camera that has tracking without waiting for a change.
        for (var i = 0; i < hub.Count; i++)
        {
            if (wanted[i] && hub.LatestOf(i) is { } latest)
            {
                subscription.Post(latest);
            }
        }

        try
        {
            while (!call.IsCancellationRequested)
            {
                subscription.Acknowledge();
                long? wait = null;
                for (var i = 0; i < subscription.Count; i++)
                {
                    if (subscription.Take(i) is not { } item)
                    {
                        continue;
                    }

                    var now = time.GetTimestamp();
                    var due = lastSent[i] + minTicks;
                    if (now < due)
                    {
                        subscription.PutBack(item);
                        wait = Math.Min(wait ?? long.MaxValue, due - now);
                        continue;
                    }

                    await responseStream.WriteAsync(new CameraUpdate { Camera = item.State, Frame = Math.Max(runtime.Loop.CurrentFrame, 0) });
                    lastSent[i] = now;
                }

                if (wait is { } ticks)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)ticks / time.TimestampFrequency), time, call.Token);
                }
                else
                {
                    await subscription.WaitAsync(call.Token);
                }
            }
        }
        catch (OperationCanceledException) when (runtime.Stopping.IsCancellationRequested)
        {
            // The coordinator is stopping: end the stream with OK.
        }
    }

    /// <inheritdoc/>
    public override Task<SourceList> ListSources(ListSourcesRequest request, ServerCallContext context)
    {
        var list = new SourceList();
        list.Sources.Add(runtime.Sources());
        return Task.FromResult(list);
    }
}
