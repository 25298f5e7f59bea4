// The access check on every gRPC call (RpcServerOptions.Authorizer) and every /api/* HTTP request: bearer token from the
// `authorization` metadata / header (RFC 6750 §2.1), verified with the stage's secret, then the policy table.
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StageControl.Core.Security;
using StageControl.Rpc;

namespace StageControl.Coordinator.Security;

/// <summary>
/// Checks a call's bearer token against <see cref="AccessPolicy"/>. Missing token → UNAUTHENTICATED "missing bearer
/// token"; a bad or expired one → UNAUTHENTICATED naming the reason; a role the method is not open to →
/// PERMISSION_DENIED naming the role and the method. Every refusal is counted
/// (<see cref="SecurityTelemetry.Refused"/>) and logged with the peer address. The verified claims are left in
/// <see cref="ServerCallContext.UserState"/> under <see cref="TokenKey"/> for the handler (the node session checks the
/// node name against them).
/// </summary>
internal sealed class AccessCheck(TokenAuthority authority, AccessPolicy policy, ILogger logger)
{
    /// <summary>The metadata key and HTTP header carrying <c>Bearer &lt;token&gt;</c>.</summary>
    public const string HeaderName = "authorization";

    /// <summary>The <see cref="ServerCallContext.UserState"/> key of the verified <see cref="AccessToken"/>.</summary>
    public static readonly object TokenKey = typeof(AccessToken);

    private const string BearerScheme = "Bearer";

    /// <summary>The verdict for <paramref name="resource"/> (a gRPC method path or an HTTP path) called with
    /// <paramref name="authorization"/> (the header value, or null) from <paramref name="peer"/>.</summary>
    public AccessDecision Check(string resource, string? authorization, string peer, string transport)
    {
        if (policy.IsOpen(resource))
        {
            return AccessDecision.Allow(null);
        }

        AccessDecision decision;
        if (!TryGetBearer(authorization, out var token))
        {
            decision = AccessDecision.Refuse(StatusCode.Unauthenticated, "missing bearer token", "missing");
        }
        else
        {
            var check = authority.Verify(token);
            if (!check.IsValid)
            {
                decision = AccessDecision.Refuse(StatusCode.Unauthenticated, "invalid bearer token: " + check.Describe(), check.ReasonTag);
            }
            else if (!policy.Allows(check.Token!.Role, resource))
            {
                decision = AccessDecision.Refuse(
                    StatusCode.PermissionDenied,
                    $"role '{AccessRoles.Name(check.Token.Role)}' may not call {resource} (allowed: {policy.Describe(resource)})",
                    "forbidden");
            }
            else
            {
                return AccessDecision.Allow(check.Token);
            }
        }

        Refused(resource, peer, transport, decision.Reason, decision.Message);
        return decision;
    }

    /// <summary>The gRPC authoriser (<see cref="RpcServerOptions.Authorizer"/>).</summary>
    public ValueTask<Status?> AuthorizeAsync(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = Check(context.Method, context.RequestHeaders.GetValue(HeaderName), context.Peer, "grpc");
        if (!decision.Allowed)
        {
            return ValueTask.FromResult<Status?>(new Status(decision.Code, decision.Message));
        }

        if (decision.Token is { } token)
        {
            context.UserState[TokenKey] = token;
        }

        return ValueTask.FromResult<Status?>(null);
    }

    /// <summary>The HTTP middleware: <c>/api/*</c> needs a token like gRPC (401 with <c>WWW-Authenticate: Bearer</c>,
    /// or 403); everything else (<c>/healthz</c>) passes.</summary>
    public async Task InvokeHttpAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        if (!http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var connection = http.Connection;
        var peer = connection.RemoteIpAddress is null ? "unknown" : connection.RemoteIpAddress + ":" + connection.RemotePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var decision = Check(HttpResource(http.Request), http.Request.Headers.Authorization.ToString(), peer, "http");
        if (decision.Allowed)
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        if (decision.Code == StatusCode.Unauthenticated)
        {
            // RFC 6750 §3: a 401 names the scheme; invalid_token when one was sent.
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = decision.Reason == "missing" ? "Bearer" : "Bearer error=\"invalid_token\"";
        }
        else
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(decision.Message + "\n").ConfigureAwait(false);
    }

    /// <summary>The policy key of an HTTP request: its path for GET and HEAD, <c>METHOD path</c> for anything else (so
    /// reading and changing can be open to different roles), and <c>/api/previews/*</c> for every preview image.</summary>
    public static string HttpResource(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value ?? "/";
        if (path.StartsWith("/api/previews/", StringComparison.Ordinal))
        {
            path = "/api/previews/*";
        }

        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? path : request.Method + " " + path;
    }

    /// <summary>Refuses (PERMISSION_DENIED) a node session whose node token is bound to another node name. Tokens of
    /// other roles allowed on the session (technician) and unbound node tokens may join as any node.</summary>
    public void EnsureNodeMayJoin(ServerCallContext context, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserState.TryGetValue(TokenKey, out var value)
            && value is AccessToken { Role: AccessRole.Node, Subject: { } subject }
            && !string.Equals(subject, nodeName, StringComparison.Ordinal))
        {
            var message = $"this node token is for node '{subject}' and cannot join as '{nodeName}'";
            Refused(context.Method, context.Peer, "grpc", "wrong_node", message);
            throw new RpcException(new Status(StatusCode.PermissionDenied, message));
        }
    }

    private static bool TryGetBearer(string? authorization, out string token)
    {
        // "Bearer <token>": the scheme is case-insensitive (RFC 7235 §2.1), one or more spaces.
        token = string.Empty;
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return false;
        }

        var text = authorization.Trim();
        if (text.Length <= BearerScheme.Length + 1
            || !text.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase)
            || text[BearerScheme.Length] != ' ')
        {
            return false;
        }

        token = text[(BearerScheme.Length + 1)..].Trim();
        return token.Length > 0;
    }

    private void Refused(string resource, string peer, string transport, string reason, string message)
    {
        SecurityTelemetry.CountRefusal(reason, transport);
        SecurityLog.Refused(logger, resource, peer, message);
    }
}
