using StageControl.Core.Security;
using StageControl.Rpc;

namespace StageControl.Coordinator.Security;

/// <summary>The verdict of <see cref="AccessCheck.Check"/>: allowed (with the token's claims, none for open methods), or
/// refused with a gRPC status code, a message for the caller and a metric reason tag.</summary>
internal readonly record struct AccessDecision(bool Allowed, AccessToken? Token, StatusCode Code, string Message, string Reason)
{
    public static AccessDecision Allow(AccessToken? token) => new(true, token, StatusCode.OK, string.Empty, string.Empty);

    public static AccessDecision Refuse(StatusCode code, string message, string reason) => new(false, null, code, message, reason);
}
