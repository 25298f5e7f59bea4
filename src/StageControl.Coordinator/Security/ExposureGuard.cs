using System.Net;

namespace StageControl.Coordinator.Security;

/// <summary>
/// shared/DESIGN.md: "Bind to loopback by default; refuse a non-loopback binding unless an access token is configured".
/// Without a token secret nothing is checked, so the gRPC and HTTP endpoints must stay on this machine.
/// </summary>
internal static class ExposureGuard
{
    /// <summary>Throws <see cref="CoordinatorStartException"/> when <paramref name="options"/> has no token secret and an
    /// endpoint is not loopback.</summary>
    public static void EnsureSafeBinding(CoordinatorOptions options)
    {
        if (options.TokenSecret is not null)
        {
            return;
        }

        Check("gRPC", "--grpc", options.Grpc);
        Check("HTTP", "--http", options.Http);
    }

    private static void Check(string what, string option, IPEndPoint endPoint)
    {
        if (!IPAddress.IsLoopback(endPoint.Address))
        {
            throw new CoordinatorStartException(
                $"refusing to serve {what} on {endPoint} ({option}) without access tokens: anyone who can reach it could join as a node or change the controls; configure a token secret (--secret-file; stagectl token secret --out FILE makes one) or bind to 127.0.0.1");
        }
    }
}
