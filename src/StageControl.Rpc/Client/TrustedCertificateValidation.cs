// Server certificate validation against one trusted certificate (a self-signed coordinator certificate, or the CA that
// issued it) instead of the machine's roots: `stagectl status --ca F`, SimulatedNode. Per channel, never global.
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace StageControl.Rpc.Client;

/// <summary>Builds a <see cref="RemoteCertificateValidationCallback"/> that accepts a server certificate only when it
/// chains to <c>trusted</c> (custom root trust, no revocation check: a self-signed pair has no CRL) and names the host
/// that was called.</summary>
internal static class TrustedCertificateValidation
{
    public static RemoteCertificateValidationCallback Create(X509Certificate2 trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        return (_, certificate, presentedChain, errors) =>
        {
            // The host name check is the platform's; only the chain's anchor is replaced.
            if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            {
                return false;
            }

            using var owned = certificate as X509Certificate2 is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
            var leaf = owned ?? (X509Certificate2)certificate;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (presentedChain is not null)
            {
                foreach (var element in presentedChain.ChainElements)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            return chain.Build(leaf);
        };
    }
}
