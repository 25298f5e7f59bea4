// The token secret file: one line of base64 (standard or url alphabet) holding at least 32 random bytes, written by
// `stagectl token secret --out F` with mode 0600. Every coordinator and every `stagectl token issue` of one stage (and
// of the stages it federates with, for peer tokens) reads the same file.
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace StageControl.Core.Security;

/// <summary>Makes, writes as text and reads back token secrets.</summary>
public static class TokenSecret
{
    /// <summary>Random bytes in a new secret (32: the HMAC-SHA256 output size).</summary>
    public const int DefaultBytes = 32;

    /// <summary>A new random secret (<see cref="RandomNumberGenerator"/>).</summary>
    public static byte[] Generate() => RandomNumberGenerator.GetBytes(DefaultBytes);

    /// <summary>The file text of <paramref name="secret"/>: base64url and a newline.</summary>
    public static string Format(ReadOnlySpan<byte> secret) => Base64Url.EncodeToString(secret) + "\n";

    /// <summary>Parses the text of a secret file: base64 or base64url (padding optional), surrounding whitespace
    /// ignored, at least <see cref="TokenAuthority.MinSecretBytes"/> bytes.</summary>
    /// <param name="text">The file text.</param>
    /// <param name="secret">The secret when valid.</param>
    /// <param name="problem">What is wrong otherwise.</param>
    /// <returns>Whether the text holds a usable secret.</returns>
    public static bool TryParse(string text, out byte[] secret, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        secret = [];
        var trimmed = text.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (trimmed.Length == 0)
        {
            problem = "is empty";
            return false;
        }

        foreach (var c in trimmed)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                problem = "is not one line of base64 (stagectl token secret --out FILE writes one)";
                return false;
            }
        }

        if (trimmed.Length % 4 == 1)
        {
            problem = "is not valid base64 (wrong length)";
            return false;
        }

        var bytes = Base64Url.DecodeFromChars(trimmed);
        if (bytes.Length < TokenAuthority.MinSecretBytes)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"holds {bytes.Length} bytes; a token secret needs at least {TokenAuthority.MinSecretBytes}");
            return false;
        }

        secret = bytes;
        problem = string.Empty;
        return true;
    }

    /// <summary>Reads a secret file; on failure, <paramref name="problem"/> names the file and what is wrong.</summary>
    /// <param name="path">The file.</param>
    /// <param name="secret">The secret when valid.</param>
    /// <param name="problem">What is wrong otherwise, starting with the path.</param>
    /// <returns>Whether the file holds a usable secret.</returns>
    public static bool TryLoad(string path, out byte[] secret, out string problem)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > 4096)
            {
                secret = [];
                problem = $"secret file {path} is too large to be a token secret";
                return false;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            secret = [];
            problem = $"secret file {path} cannot be read: {e.Message}";
            return false;
        }

        if (!TryParse(text, out secret, out var what))
        {
            problem = $"secret file {path} {what}";
            return false;
        }

        problem = string.Empty;
        return true;
    }
}
