using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StageControl.Rpc;

namespace StageControl.Cli.Internal;

/// <summary>
/// The baseline of <c>stagectl bench latency</c>: a raw gRPC hop over StageControl.Rpc with nothing of the coordinator.
/// A minimal server-streaming method (<c>/stagecontrol.bench.Hop/Subscribe</c>, byte-array marshallers) on its own
/// Kestrel port; N clients, each on its own <see cref="RpcChannel"/> (own HTTP/2 connection), subscribe; a pacing
/// thread writes, R times a second, one stamped message to every stream (the Stopwatch time at the write's start in
/// the first 8 bytes; <see cref="MessageSize"/> bytes, about a PoseUpdate); latency = write start → message returned by
/// the client's <c>MoveNext</c>. The same process clock on both ends.
/// </summary>
internal sealed class GrpcHopBaseline : IRpcService
{
    /// <summary>Bytes per message (a PoseUpdate of one camera is about this size).</summary>
    public const int MessageSize = 160;

    private static readonly Marshaller<byte[]> s_bytes = new((message, writer) => writer.Write(message), sequence => sequence.ToArray());
    private static readonly Method<byte[], byte[]> s_subscribe = new(MethodType.ServerStreaming, "stagecontrol.bench.Hop", "Subscribe", s_bytes, s_bytes);

    private readonly Lock _gate = new();
    private readonly List<IServerStreamWriter<byte[]>> _streams = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc/>
    public void BindService(RpcServiceBinder binder) => binder.AddMethod(s_subscribe, SubscribeAsync);

    /// <summary>
    /// Runs the hop with <paramref name="streams"/> streams at <paramref name="rate"/> messages per second per stream, for
    /// the warm-up (<see cref="BenchWarmup"/>) and then <paramref name="duration"/>; returns the latencies of the measured
    /// window and the process's cost over it.
    /// </summary>
    public static async Task<(BenchSamples Samples, (TimeSpan Warmup, BenchCost Start, BenchCost End) Cost)> RunAsync(int streams, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var service = new GrpcHopBaseline();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseRpcTransport();
        builder.WebHost.ConfigureKestrel(k => k.ListenRpc(new IPEndPoint(IPAddress.Loopback, 0)));
        builder.Services.AddStageRpc();
        builder.Services.AddSingleton(service);
        await using var app = builder.Build();
        app.MapRpcService<GrpcHopBaseline>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        // One sample per (measured message, stream), and a second's worth to spare.
        var perStream = (long)((duration.TotalSeconds + 1) * rate) + 1;
        var samples = new BenchSamples((int)Math.Min(int.MaxValue - 1, perStream * streams));
        var channels = new RpcChannel[streams];
        var calls = new AsyncServerStreamingCall<byte[]>[streams];
        var readers = new Task[streams];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long measureFrom = long.MaxValue;
        (TimeSpan, BenchCost, BenchCost) cost;
        try
        {
            for (var i = 0; i < streams; i++)
            {
                channels[i] = RpcChannel.ForAddress(address);
                calls[i] = channels[i].CreateCallInvoker().AsyncServerStreamingCall(s_subscribe, null, new CallOptions(CancellationToken: stop.Token), []);
                var call = calls[i];
                readers[i] = Task.Run(() => ReadAsync(call, samples, () => Volatile.Read(ref measureFrom), stop.Token), CancellationToken.None);
            }

            await service.WaitForStreamsAsync(streams, cancellationToken).ConfigureAwait(false);
            var writers = service.Streams();
            var buffers = new byte[streams][];
            for (var i = 0; i < streams; i++)
            {
                buffers[i] = new byte[MessageSize];
            }

            var pending = new Task[streams];
            cost = await BenchPace.RunWarmedAsync(
                rate,
                duration,
                _ =>
                {
                    for (var s = 0; s < writers.Length; s++)
                    {
                        BinaryPrimitives.WriteInt64LittleEndian(buffers[s], Stopwatch.GetTimestamp());
                        pending[s] = writers[s].WriteAsync(buffers[s]);
                    }

                    Task.WaitAll(pending);
                },
                measuring => Volatile.Write(ref measureFrom, measuring),
                "bench hop pacer",
                cancellationToken).ConfigureAwait(false);
            await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            service._done.TrySetResult();
            foreach (var reader in readers)
            {
                if (reader is not null)
                {
                    await reader.ConfigureAwait(false);
                }
            }

            foreach (var call in calls)
            {
                call?.Dispose();
            }

            foreach (var channel in channels)
            {
                channel?.Dispose();
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return (samples, cost);
    }

    private static async Task ReadAsync(AsyncServerStreamingCall<byte[]> call, BenchSamples samples, Func<long> measureFrom, CancellationToken token)
    {
        try
        {
            while (await call.ResponseStream.MoveNext(token).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                var stamp = BinaryPrimitives.ReadInt64LittleEndian(call.ResponseStream.Current);
                if (stamp >= measureFrom())
                {
                    samples.Add(BenchSamples.Ns(now - stamp));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Run over.
        }
        catch (RpcException)
        {
            // Run over (the call was cancelled).
        }
    }

    private async Task SubscribeAsync(byte[] request, IServerStreamWriter<byte[]> responseStream, ServerCallContext context)
    {
        lock (_gate)
        {
            _streams.Add(responseStream);
        }

        // Hold the stream open until the run ends or the client goes away.
        await _done.Task.WaitAsync(context.CancellationToken).ConfigureAwait(false);
    }

    private IServerStreamWriter<byte[]>[] Streams()
    {
        lock (_gate)
        {
            return [.. _streams];
        }
    }

    private async Task WaitForStreamsAsync(int count, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (true)
        {
            lock (_gate)
            {
                if (_streams.Count >= count)
                {
                    return;
                }
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new CliInputException("bench latency: the baseline's gRPC streams did not open within 30 s");
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }
}
