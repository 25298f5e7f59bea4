// The few lines that plug the access check into the coordinator's host (kept here so CoordinatorHost stays small).
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StageControl.Core.Security;

namespace StageControl.Coordinator.Security;

/// <summary>Creates the <see cref="AccessCheck"/> for a host's options and wires it into DI and the HTTP pipeline.</summary>
internal static class AccessWiring
{
    /// <summary>The check for <paramref name="options"/>; null when no token secret is configured (auth off).</summary>
    public static AccessCheck? Create(CoordinatorOptions options, ILoggerFactory? loggerFactory)
    {
        if (options.TokenSecret is not { } secret)
        {
            return null;
        }

        TokenAuthority authority;
        try
        {
            authority = new TokenAuthority(secret, options.TimeProvider);
        }
        catch (ArgumentException e)
        {
            throw new CoordinatorStartException(e.Message, e);
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("StageControl.Coordinator.Security");
        return new AccessCheck(authority, AccessPolicy.Default, logger);
    }

    /// <summary>Registers the check so services (the node session) can ask for it.</summary>
    public static void Register(IServiceCollection services, AccessCheck? access)
    {
        if (access is not null)
        {
            services.AddSingleton(access);
        }
    }

    /// <summary>Checks <c>/api/*</c> requests ahead of their endpoints.</summary>
    public static void UseHttp(WebApplication app, AccessCheck? access)
    {
        if (access is not null)
        {
            app.Use(access.InvokeHttpAsync);
        }
    }
}
