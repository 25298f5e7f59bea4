// Option parsing for tokens, secrets and TLS files; bad values throw CliInputException (exit 1) naming the option and file.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using StageControl.Core.Security;
using StageControl.Rpc;

namespace StageControl.Cli.Internal;

/// <summary>Loads secret, certificate and key files given on the command line.</summary>
internal static class SecurityCliText
{
    /// <summary>The token secret in <paramref name="path"/>.</summary>
    public static byte[] LoadSecret(string path, string option)
    {
        if (!TokenSecret.TryLoad(path, out var secret, out var problem))
        {
            throw new CliInputException($"{option}: {problem}");
        }

        return secret;
    }

    /// <summary>The certificate (PEM or DER) a client trusts for an https coordinator.</summary>
    public static X509Certificate2 LoadCa(string path, string option)
    {
        try
        {
            var text = File.ReadAllText(path);
            return text.Contains("-----BEGIN", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException e)
        {
            throw new CliInputException($"{option}: {path} is not a certificate: {e.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new CliInputException($"{option}: {path} does not exist");
        }
    }

    /// <summary>A server certificate with its private key from two PEM files.</summary>
    public static X509Certificate2 LoadServerCertificate(string certPath, string keyPath)
    {
        foreach (var (path, option) in new[] { (certPath, "--tls-cert"), (keyPath, "--tls-key") })
        {
            if (!File.Exists(path))
            {
                throw new CliInputException($"{option}: {path} does not exist");
            }
        }

        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);

            // A PEM key is ephemeral; a PKCS#12 round trip gives TLS a key it can use on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException e)
        {
            throw new CliInputException($"--tls-cert/--tls-key: cannot load the pair {certPath} / {keyPath}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"--tls-cert/--tls-key: cannot load the pair {certPath} / {keyPath}: {e.Message}");
        }
    }

    /// <summary>Call metadata carrying <paramref name="token"/>; null when there is none.</summary>
    public static Metadata? BearerHeaders(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        if (token.Any(char.IsWhiteSpace))
        {
            throw new CliInputException("--token: a token has no spaces (pass the token alone, without 'Bearer')");
        }

        return new Metadata { { "authorization", "Bearer " + token } };
    }
}
