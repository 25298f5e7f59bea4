// The gRPC layer's Meter and ActivitySource ("StageControl.Rpc"): calls are counted by method and status, and the
// caller's trace context crosses the wire as `traceparent` (shared/DESIGN.md, telemetry).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using StageControl.Protos.Echo;
using StageControl.Rpc;

namespace StageControl.Rpc.Tests.Loopback;

public sealed class TelemetryTests(RpcServerFixture server) : IClassFixture<RpcServerFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ServerCalls_OkAndFailedUnary_CountedWithMethodAndStatus()
    {
        // Arrange: listeners are process-wide and other tests run in parallel, so look for this test's own calls
        // (a status code no other test uses) rather than exact totals.
        var seen = new ConcurrentBag<(string Method, int Code)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RpcTelemetry.Name && instrument.Name == "stagecontrol.rpc.server.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? method = null;
            var code = -1;
            foreach (var tag in tags)
            {
                if (tag.Key == "rpc.method")
                {
                    method = tag.Value as string;
                }
                else if (tag.Key == "rpc.grpc.status_code")
                {
                    code = (int)tag.Value!;
                }
            }

            seen.Add((method ?? string.Empty, code));
        });
        listener.Start();
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        using var ok = client.UnaryAsync(new EchoRequest { Text = "metrics" }, new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(15)));
        await ok.ResponseAsync.WaitAsync(s_timeout);
        using var failed = client.UnaryAsync(
            new EchoRequest { Text = "metrics", FailCode = (int)StatusCode.DataLoss, FailMessage = "telemetry test" },
            new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(15)));
        await Assert.ThrowsAsync<RpcException>(() => failed.ResponseAsync.WaitAsync(s_timeout));

        // Assert
        Assert.Contains(("/stagecontrol.v1.Echo/Unary", (int)StatusCode.OK), seen);
        Assert.Contains(("/stagecontrol.v1.Echo/Unary", (int)StatusCode.DataLoss), seen);
    }

    [Fact]
    public async Task ServerActivity_ClientInsideActivity_ContinuesTheCallersTrace()
    {
        // Arrange: a caller-side Activity (W3C ids) is current when the call starts.
        using var caller = new ActivitySource("StageControl.Rpc.Tests.Caller");
        var serverActivities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is RpcTelemetry.Name or "StageControl.Rpc.Tests.Caller",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a =>
            {
                if (a.Source.Name == RpcTelemetry.Name)
                {
                    serverActivities.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel.CreateCallInvoker());

        // Act
        ActivityTraceId traceId;
        using (var parent = caller.StartActivity("frame-cue", ActivityKind.Client))
        {
            Assert.NotNull(parent);
            traceId = parent.TraceId;
            using var call = client.UnaryAsync(new EchoRequest { Text = "trace" }, new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(15)));
            await call.ResponseAsync.WaitAsync(s_timeout);
        }

        // Assert: the server's call Activity carries the caller's trace id and the method tag.
        var mine = serverActivities.Where(a => a.TraceId == traceId).ToList();
        var activity = Assert.Single(mine);
        Assert.Equal(ActivityKind.Server, activity.Kind);
        Assert.Equal("/stagecontrol.v1.Echo/Unary", activity.GetTagItem("rpc.method"));
    }
}
