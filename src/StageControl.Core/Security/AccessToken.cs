namespace StageControl.Core.Security;

/// <summary>The claims of a verified (or expired) bearer token.</summary>
/// <param name="Role">Who the token speaks for.</param>
/// <param name="ExpiresUtc">When it stops being accepted (whole seconds; plus the verifier's clock-skew allowance).</param>
/// <param name="Nonce">Random text that makes every issued token distinct (base64url).</param>
/// <param name="Subject">Optional name it is bound to (a node token's node name); null when unbound.</param>
public sealed record AccessToken(AccessRole Role, DateTimeOffset ExpiresUtc, string Nonce, string? Subject);
