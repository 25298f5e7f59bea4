using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StageControl.Rpc;

/// <summary>
/// The gRPC layer's instruments (shared/DESIGN.md "Dependencies", telemetry): a <see cref="Meter"/> and an
/// <see cref="ActivitySource"/> both named <c>StageControl.Rpc</c>. Every server call is counted and timed, tagged with
/// its method and final status code, and runs inside an Activity whose parent comes from the caller's W3C
/// <c>traceparent</c> header; the client sends <c>traceparent</c> from <see cref="Activity.Current"/>.
/// The OTLP exporter (or any MeterListener / ActivityListener) plugs into these by name.
/// </summary>
public static class RpcTelemetry
{
    /// <summary>The Meter and ActivitySource name.</summary>
    public const string Name = "StageControl.Rpc";

    /// <summary>The W3C trace-context header carried in gRPC metadata.</summary>
    public const string TraceParentHeader = "traceparent";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> ServerCalls = Meter.CreateCounter<long>(
        "stagecontrol.rpc.server.calls", unit: "{call}", description: "Server calls completed, by method and gRPC status code.");

    internal static readonly Histogram<double> ServerDuration = Meter.CreateHistogram<double>(
        "stagecontrol.rpc.server.duration", unit: "ms", description: "Server call duration from request headers to final status.");

    internal static readonly Counter<long> ClientCalls = Meter.CreateCounter<long>(
        "stagecontrol.rpc.client.calls", unit: "{call}", description: "Client calls started, by method.");

    /// <summary>Starts the server Activity for a call, parented on the caller's traceparent when it sends one.</summary>
    internal static Activity? StartServerActivity(string method, string? traceParent)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(traceParent, null, out var parent);
        var activity = Source.StartActivity(method, ActivityKind.Server, parent);
        activity?.SetTag("rpc.system", "grpc");
        activity?.SetTag("rpc.method", method);
        return activity;
    }

    /// <summary>Records the end of a server call (the caller disposes the Activity after the trailers are written).</summary>
    internal static void RecordServerCall(Activity? activity, string method, StatusCode code, long startTimestamp)
    {
        activity?.SetTag("rpc.grpc.status_code", (int)code);
        if (code != StatusCode.OK)
        {
            activity?.SetStatus(ActivityStatusCode.Error, code.ToString());
        }

        if (ServerCalls.Enabled || ServerDuration.Enabled)
        {
            var tags = new TagList { { "rpc.method", method }, { "rpc.grpc.status_code", (int)code } };
            ServerCalls.Add(1, tags);
            ServerDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tags);
        }
    }

    /// <summary>The traceparent value for the current Activity, or null when there is none.</summary>
    internal static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
}
