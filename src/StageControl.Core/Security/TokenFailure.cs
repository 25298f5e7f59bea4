namespace StageControl.Core.Security;

/// <summary>Why a bearer token was refused (<see cref="TokenCheck.Failure"/>).</summary>
public enum TokenFailure
{
    /// <summary>Not refused: the token is valid.</summary>
    None,

    /// <summary>Not a token: wrong shape, characters outside base64url, bad fields, too long.</summary>
    Malformed,

    /// <summary>Well formed, but not signed with this secret (forged, tampered, or issued by another stage).</summary>
    BadSignature,

    /// <summary>Signed correctly but past its expiry (plus the clock-skew allowance).</summary>
    Expired,

    /// <summary>Signed correctly but naming a role this build does not know.</summary>
    UnknownRole,
}
