// grpc.health.v1 implementation (grpc/grpc doc/health-checking.md; grpc-wire.md §1.8), named like Grpc.HealthCheck's.
// Check: NOT_FOUND for a name never set; Watch: the current status at once (SERVICE_UNKNOWN for an unknown name),
// then each change, latest-wins (a slow watcher sees the newest status, not a backlog).
using System.Threading.Channels;
using Grpc.Health.V1;
using StageControl.Rpc;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace StageControl.Protos.Health;

/// <summary>A health service whose statuses are set by the host. Thread-safe; register as a singleton.</summary>
public sealed class HealthServiceImpl : Grpc.Health.V1.Health.HealthBase
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Sets the status of <paramref name="service"/> ("" = the whole server) and notifies watchers.</summary>
    /// <param name="service">The service name.</param>
    /// <param name="status">The status.</param>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Forgets <paramref name="service"/>: Check answers NOT_FOUND, watchers see SERVICE_UNKNOWN.</summary>
    /// <param name="service">The service name.</param>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_statuses.Remove(service))
            {
                Notify(service, ServingStatus.ServiceUnknown);
            }
        }
    }

    /// <inheritdoc />
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (_statuses.TryGetValue(request.Service, out var status))
            {
                return Task.FromResult(new HealthCheckResponse { Status = status });
            }
        }

        throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));
    }

    /// <inheritdoc />
    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(request.Service, out var current) ? current : ServingStatus.ServiceUnknown);
            if (!_watchers.TryGetValue(request.Service, out var list))
            {
                list = [];
                _watchers[request.Service] = list;
            }

            list.Add(channel);
        }

        try
        {
            var last = (ServingStatus)(-1);
            while (await channel.Reader.WaitToReadAsync(context.CancellationToken))
            {
                while (channel.Reader.TryRead(out var status))
                {
                    if (status != last)
                    {
                        last = status;
                        await responseStream.WriteAsync(new HealthCheckResponse { Status = status });
                    }
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                if (_watchers.TryGetValue(request.Service, out var list))
                {
                    list.Remove(channel);
                }
            }
        }
    }

    private void Notify(string service, ServingStatus status)
    {
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var watcher in list)
            {
                watcher.Writer.TryWrite(status);
            }
        }
    }
}
