// The coordinator's HTTP API and the dashboard page, on the HTTP listener. Every /api/* request has already passed the
// access check (Security/AccessCheck.cs) when a token secret is configured.
//
//   GET  /                            the dashboard (index.html; dashboard.js, dashboard.css beside it)
//   GET  /api/status                  StatusSnapshot (cameras incl. virtual/<subject> and site/camera, annotations,
//                                     federation: all the page's "Collaborators & sites" card needs)
//   GET  /api/annotations             AnnotationList
//   GET  /api/stage                   StageModel (panels with corners and node, nodes, cameras)
//   GET  /api/operator                OperatorState
//   POST /api/operator                body: SetControlsRequest → the new OperatorState; 400 {"error","field"} when a value
//                                     is refused (nothing applied), 409 on an expected_version mismatch
//   GET  /api/previews/{panel}.png    the panel's newest live preview (ETag, If-None-Match → 304); 404 naming the panel
//
// Messages are proto3 JSON (Google.Protobuf JsonFormatter/JsonParser): lowerCamelCase names, 64-bit integers as strings.
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using StageControl.Coordinator.Hosting;
using StageControl.Coordinator.Telemetry;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Dashboard;

/// <summary>Maps the HTTP API and the dashboard's files.</summary>
internal static class DashboardEndpoints
{
    /// <summary>Largest POST /api/operator body, bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private const string JsonType = "application/json; charset=utf-8";

    private static readonly JsonFormatter s_json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private static readonly JsonParser s_parser = new(JsonParser.Settings.Default);

    // Error messages quote names ('cam-x'): keep them readable in the JSON (it is never embedded in HTML).
    private static readonly JsonSerializerOptions s_errorJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Maps every route on <paramref name="app"/>.</summary>
    public static void Map(WebApplication app, CoordinatorRuntime runtime)
    {
        var site = DashboardSite.Load();
        app.MapGet("/", (HttpContext http) => site.Serve(http, "index.html"));
        app.MapGet("/index.html", (HttpContext http) => site.Serve(http, "index.html"));
        app.MapGet("/dashboard.js", (HttpContext http) => site.Serve(http, "dashboard.js"));
        app.MapGet("/dashboard.css", (HttpContext http) => site.Serve(http, "dashboard.css"));
        app.MapGet("/api/status", (HttpContext http) => Message(http, runtime.Snapshot()));
        app.MapGet("/api/stage", (HttpContext http) => Message(http, runtime.StageModel()));
        app.MapGet("/api/operator", (HttpContext http) => Message(http, runtime.Operator.Current));
        app.MapGet("/api/annotations", (HttpContext http) => Message(http, runtime.Collaborators.Annotations));
        app.MapPost("/api/operator", (Delegate)((HttpContext http) => SetOperatorAsync(http, runtime)));
        app.MapGet("/api/previews/{**file}", (HttpContext http, string file) => Preview(http, runtime, file));
    }

    /// <summary>The panel id in a preview file name: <c>back%2Fc01r01.png</c> or <c>back/c01r01.png</c> → <c>back/c01r01</c>;
    /// null when the name does not end in <c>.png</c>.</summary>
    public static string? PanelOfFile(string file)
    {
        var name = Uri.UnescapeDataString(file);
        return name.EndsWith(".png", StringComparison.Ordinal) && name.Length > 4 ? name[..^4] : null;
    }

    private static IResult Message(HttpContext http, IMessage message)
    {
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Text(s_json.Format(message), JsonType);
    }

    private static IResult Error(HttpContext http, int status, string message, string? field = null)
    {
        http.Response.Headers.CacheControl = "no-cache";
        var body = new JsonObject { ["error"] = message };
        if (field is not null)
        {
            body["field"] = field;
        }

        return Results.Text(body.ToJsonString(s_errorJson), JsonType, Encoding.UTF8, status);
    }

    private static async Task<IResult> SetOperatorAsync(HttpContext http, CoordinatorRuntime runtime)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Refused(http, StatusCodes.Status413PayloadTooLarge, "body", string.Create(CultureInfo.InvariantCulture, $"body: larger than {MaxBodyBytes} bytes"));
        }

        string text;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            var buffer = new char[MaxBodyBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            if (read > MaxBodyBytes)
            {
                return Refused(http, StatusCodes.Status413PayloadTooLarge, "body", string.Create(CultureInfo.InvariantCulture, $"body: larger than {MaxBodyBytes} bytes"));
            }

            text = new string(buffer, 0, read);
        }

        SetControlsRequest request;
        try
        {
            request = s_parser.Parse<SetControlsRequest>(text);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return Refused(http, StatusCodes.Status400BadRequest, "body", "body: not a SetControlsRequest JSON object: " + e.Message);
        }

        try
        {
            return Message(http, runtime.Operator.Set(request, runtime.Clock.NextFrame()));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            return Refused(http, StatusCodes.Status400BadRequest, "invalid", e.Status.Detail, FieldOf(e.Status.Detail));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return Refused(http, StatusCodes.Status409Conflict, "version", e.Status.Detail, "expectedVersion");
        }
    }

    private static IResult Refused(HttpContext http, int status, string reason, string message, string? field = null)
    {
        CoordinatorTelemetry.OperatorRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        return Error(http, status, message, field);
    }

    /// <summary>The field an OperatorControls message starts with (<c>overscan_pct: …</c>, <c>chroma_key.red: …</c>), as
    /// the JSON name (<c>overscanPct</c>, <c>chromaKey.red</c>).</summary>
    internal static string? FieldOf(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var builder = new StringBuilder(colon);
        var upper = false;
        foreach (var c in message.AsSpan(0, colon))
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    private static IResult Preview(HttpContext http, CoordinatorRuntime runtime, string file)
    {
        var panel = PanelOfFile(file);
        if (panel is null)
        {
            return Error(http, StatusCodes.Status404NotFound, $"'{file}' is not a preview: ask for /api/previews/<panel id>.png");
        }

        if (!runtime.Previews.Knows(panel))
        {
            return Error(http, StatusCodes.Status404NotFound, $"stage '{runtime.Config.Name}' has no panel '{panel}'");
        }

        if (runtime.Previews.Get(panel) is not { } preview)
        {
            return Error(http, StatusCodes.Status404NotFound, $"no preview of panel '{panel}' yet (its node has not sent one)");
        }

        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ETag = preview.ETag;
        headers["X-Frame"] = preview.Frame.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } match && IsMatch(match, preview.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(preview.Png, "image/png");
    }

    private static bool IsMatch(string ifNoneMatch, string etag)
    {
        if (EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags))
        {
            foreach (var tag in tags)
            {
                if (tag.Equals(EntityTagHeaderValue.Any) || string.Equals(tag.Tag.Value, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
