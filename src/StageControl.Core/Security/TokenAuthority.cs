// Issues and verifies the coordinator's bearer tokens: HMAC-SHA256 (RFC 2104) over a small dotted payload, both halves
// base64url without padding (RFC 4648 §5).
//
//   token     = payload64 "." mac64
//   payload64 = base64url( UTF-8( role "." expiresUnix "." nonce "." subject ) )
//   mac64     = base64url( HMAC-SHA256( secret, ASCII(payload64) ) )          32 bytes → 43 characters
//
//   role        technician | operator | collaborator | node | peer
//   expiresUnix whole seconds since 1970-01-01Z (invariant digits)
//   nonce       16 base64url characters (12 random bytes): two tokens never look alike
//   subject     optional (may be empty, may hold dots: it is the last field); a node token binds the node name
//
// The MAC covers the encoded text, not the decoded bytes, and the signature is compared as text: base64url has spare
// bits in its last character, and comparing decoded bytes would let a flipped spare bit pass.
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StageControl.Core.Security;

/// <summary>
/// Issues and verifies bearer tokens with one shared secret (at least <see cref="MinSecretBytes"/> bytes). Verification
/// is pure and cheap: shape check, HMAC in constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>), then
/// the fields, then expiry against <see cref="TimeProvider"/> with <see cref="ClockSkew"/> of slack. It never throws
/// for any input string: everything that is not a valid token is a <see cref="TokenCheck"/> with a reason.
/// </summary>
public sealed class TokenAuthority
{
    /// <summary>The shortest secret accepted: 32 bytes, the HMAC-SHA256 output size (RFC 2104 §3 recommends a key at
    /// least as long as the hash output).</summary>
    public const int MinSecretBytes = 32;

    /// <summary>The longest token text looked at; anything longer is malformed.</summary>
    public const int MaxTokenLength = 2048;

    /// <summary>The longest subject accepted.</summary>
    public const int MaxSubjectLength = 128;

    /// <summary>The longest lifetime <see cref="Issue"/> accepts.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    private const int MacBytes = 32;
    private const int MacChars = 43;
    private const int NonceBytes = 12;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _secret;
    private readonly TimeProvider _time;

    /// <summary>An authority for <paramref name="secret"/> (copied). Throws <see cref="ArgumentException"/> when it is
    /// shorter than <see cref="MinSecretBytes"/>.</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="time">The clock for issuing and expiry (default: the system clock).</param>
    public TokenAuthority(ReadOnlySpan<byte> secret, TimeProvider? time = null)
    {
        if (secret.Length < MinSecretBytes)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the token secret has {secret.Length} bytes; at least {MinSecretBytes} are needed"), nameof(secret));
        }

        _secret = secret.ToArray();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How far past its expiry a token is still accepted, for clocks that disagree a little (default 30 s).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Issues a token for <paramref name="role"/> that expires <paramref name="lifetime"/> from now (rounded up
    /// to a whole second), optionally bound to <paramref name="subject"/>.</summary>
    /// <param name="role">The role.</param>
    /// <param name="lifetime">Positive, at most <see cref="MaxLifetime"/>.</param>
    /// <param name="subject">Null or empty for none; otherwise at most <see cref="MaxSubjectLength"/> characters, no
    /// control characters.</param>
    /// <returns>The token text and its claims.</returns>
    public (string Token, AccessToken Claims) Issue(AccessRole role, TimeSpan lifetime, string? subject = null)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"a token lifetime must be positive and at most {MaxLifetime.TotalDays:0} days");
        }

        if (!string.IsNullOrEmpty(subject) && !IsValidSubject(subject))
        {
            throw new ArgumentException($"a token subject has 1 to {MaxSubjectLength} characters and no control characters", nameof(subject));
        }

        var expiresMs = (_time.GetUtcNow() + lifetime).ToUnixTimeMilliseconds();
        var expiresUnix = (expiresMs + 999) / 1000;
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(NonceBytes));
        var payload = string.Create(CultureInfo.InvariantCulture, $"{AccessRoles.Name(role)}.{expiresUnix}.{nonce}.{subject}");
        var payload64 = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        Span<byte> mac = stackalloc byte[MacBytes];
        HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(payload64), mac);
        var token = payload64 + "." + Base64Url.EncodeToString(mac);
        return (token, new AccessToken(role, DateTimeOffset.FromUnixTimeSeconds(expiresUnix), nonce, string.IsNullOrEmpty(subject) ? null : subject));
    }

    /// <summary>Verifies <paramref name="token"/>; never throws.</summary>
    /// <param name="token">The token text (without any <c>Bearer</c> prefix).</param>
    /// <returns>Valid with the claims, or the reason it was refused.</returns>
    public TokenCheck Verify(string? token)
    {
        // 1. Shape: two non-empty base64url halves, nothing else. Nothing below runs on text that fails this.
        if (token is null || token.Length is 0 or > MaxTokenLength)
        {
            return new TokenCheck(TokenFailure.Malformed, null);
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return new TokenCheck(TokenFailure.Malformed, null);
        }

        var payload64 = token.AsSpan(0, dot);
        var mac64 = token.AsSpan(dot + 1);
        if (!IsBase64UrlText(payload64) || !IsBase64UrlText(mac64))
        {
            return new TokenCheck(TokenFailure.Malformed, null);
        }

        // 2. Signature, in constant time, before any field is read.
        if (mac64.Length != MacChars)
        {
            return new TokenCheck(TokenFailure.BadSignature, null);
        }

        var signed = Encoding.ASCII.GetBytes(token, 0, dot);
        Span<byte> mac = stackalloc byte[MacBytes];
        HMACSHA256.HashData(_secret, signed, mac);
        Span<byte> expected = stackalloc byte[MacChars];
        Base64Url.EncodeToUtf8(mac, expected);
        Span<byte> given = stackalloc byte[MacChars];
        Encoding.ASCII.GetBytes(mac64, given);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return new TokenCheck(TokenFailure.BadSignature, null);
        }

        // 3. Fields (only a holder of the secret can get here with odd ones).
        string payload;
        try
        {
            payload = s_strictUtf8.GetString(Base64Url.DecodeFromChars(payload64));
        }
        catch (FormatException)
        {
            // Not decodable as base64url.
            return new TokenCheck(TokenFailure.Malformed, null);
        }
        catch (DecoderFallbackException)
        {
            // Bytes that are not UTF-8.
            return new TokenCheck(TokenFailure.Malformed, null);
        }

        var fields = payload.Split('.', 4);
        if (fields.Length != 4
            || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix)
            || expiresUnix > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || fields[2].Length == 0
            || (fields[3].Length > 0 && !IsValidSubject(fields[3])))
        {
            return new TokenCheck(TokenFailure.Malformed, null);
        }

        if (!AccessRoles.TryParse(fields[0], out var role))
        {
            return new TokenCheck(TokenFailure.UnknownRole, null);
        }

        var claims = new AccessToken(role, DateTimeOffset.FromUnixTimeSeconds(expiresUnix), fields[2], fields[3].Length == 0 ? null : fields[3]);

        // 4. Expiry, with slack for clocks that disagree a little.
        return _time.GetUtcNow() - ClockSkew > claims.ExpiresUtc
            ? new TokenCheck(TokenFailure.Expired, claims)
            : new TokenCheck(TokenFailure.None, claims);
    }

    private static bool IsBase64UrlText(ReadOnlySpan<char> text)
    {
        // Alphabet of RFC 4648 §5 and no padding; a length of 1 mod 4 cannot come from any byte string.
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidSubject(string subject)
    {
        if (subject.Length > MaxSubjectLength)
        {
            return false;
        }

        foreach (var c in subject)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
