using System.Globalization;

namespace StageControl.Core.Security;

/// <summary>The outcome of <see cref="TokenAuthority.Verify"/>: valid with its claims, or refused with a reason.</summary>
/// <param name="Failure">Why it was refused; <see cref="TokenFailure.None"/> when valid.</param>
/// <param name="Token">The claims when valid, and also when <see cref="TokenFailure.Expired"/> (so the expiry can be
/// reported); null otherwise.</param>
public readonly record struct TokenCheck(TokenFailure Failure, AccessToken? Token)
{
    /// <summary>True when the token is valid.</summary>
    public bool IsValid => Failure == TokenFailure.None && Token is not null;

    /// <summary>The refusal as a short metric tag: <c>malformed</c>, <c>bad_signature</c>, <c>expired</c>,
    /// <c>unknown_role</c>; <c>none</c> when valid.</summary>
    public string ReasonTag => Failure switch
    {
        TokenFailure.Malformed => "malformed",
        TokenFailure.BadSignature => "bad_signature",
        TokenFailure.Expired => "expired",
        TokenFailure.UnknownRole => "unknown_role",
        _ => "none",
    };

    /// <summary>The refusal in words, e.g. <c>token expired at 2025-01-01T08:00:00Z</c>; <c>valid</c> when valid.</summary>
    public string Describe() => Failure switch
    {
        TokenFailure.None => "valid",
        TokenFailure.Malformed => "malformed token",
        TokenFailure.BadSignature => "bad token signature (not issued with this coordinator's secret, or altered)",
        TokenFailure.Expired => "token expired at " + (Token?.ExpiresUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "?"),
        TokenFailure.UnknownRole => "token names an unknown role (known: " + AccessRoles.NameList + ")",
        _ => Failure.ToString(),
    };
}
