using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StageControl.Rpc.Internal;
using StageControl.Rpc.Server;

namespace StageControl.Rpc;

/// <summary>
/// Server wiring (stands in for Grpc.AspNetCore's <c>AddGrpc()</c> / <c>MapGrpcService&lt;T&gt;()</c>):
/// <c>services.AddStageRpc(); app.MapRpcService&lt;MyService&gt;();</c>. Each method becomes a POST endpoint at
/// its <c>/service/method</c> path; any other two-segment gRPC POST is answered UNIMPLEMENTED.
/// </summary>
public static class RpcEndpointRouteBuilderExtensions
{
    /// <summary>Registers the RPC server services and options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional options callback.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddStageRpc(this IServiceCollection services, Action<RpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<RpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddSingleton<RpcServerMarker>();
        return services;
    }

    /// <summary>
    /// Maps every method of <typeparamref name="TService"/>. The instance comes from DI when registered there,
    /// otherwise one is created; either way it serves all calls (singleton lifetime).
    /// </summary>
    /// <typeparam name="TService">The service implementation.</typeparam>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapRpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IRpcService
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var provider = endpoints.ServiceProvider;
        var marker = provider.GetService<RpcServerMarker>()
            ?? throw new InvalidOperationException("Call services.AddStageRpc() before MapRpcService.");
        var options = provider.GetRequiredService<IOptions<RpcServerOptions>>().Value;
        var service = provider.GetService<TService>() ?? ActivatorUtilities.CreateInstance<TService>(provider);
        var binder = new RpcServiceBinder(options);
        service.BindService(binder);
        foreach (var (path, handler) in binder.Methods)
        {
            endpoints.MapPost(path, handler);
        }

        if (!marker.UnimplementedMapped)
        {
            marker.UnimplementedMapped = true;

            // Literal method routes outrank this parameter route, so it only sees unknown methods. The authoriser runs
            // here too, so a caller without access learns nothing about which methods exist.
            endpoints.MapPost("/{service}/{method}", http => HandleUnimplementedAsync(http, options.Authorizer));
        }

        return endpoints;
    }

    private static async Task HandleUnimplementedAsync(HttpContext http, Func<ServerCallContext, ValueTask<Status?>>? authorizer)
    {
        if (!GrpcProtocolConstants.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.Headers[GrpcProtocolConstants.AcceptEncodingHeader] = GrpcProtocolConstants.IdentityEncoding;
        var path = http.Request.Path.Value ?? string.Empty;
        var status = new Status(StatusCode.Unimplemented, $"Method '{path}' is unimplemented.");
        if (authorizer is not null
            && await ServerCallHandler<object, object>.AuthorizeAsync(authorizer, ServerCallHandler<object, object>.CreateContext(http, path, DateTime.MaxValue, http.RequestAborted)) is { } refusal)
        {
            status = refusal;
        }

        ServerCallHandler<object, object>.WriteTrailersOnly(http.Response, status, Metadata.Empty);
    }
}
