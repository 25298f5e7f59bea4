using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl cert create --out-cert F.pem --out-key K.pem [--host NAME ...] [--days N] [--force] [--json]</c>: a
/// self-signed ECDSA P-256 certificate for the coordinator's TLS endpoints (<c>stagectl coordinator --tls-cert F
/// --tls-key K</c>), with the hosts plus 127.0.0.1, ::1 and localhost as subject alternative names and the serverAuth
/// usage. Both files are PEM and written atomically; the key (PKCS#8) with mode 0600. Clients trust it with
/// <c>--ca F.pem</c>. JSON: <c>{"cert","key","hosts":[...],"notAfterUtc","sha256"}</c>.
/// </summary>
internal static class CertCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var outCert = new Option<string>("--out-cert") { Description = "Certificate file to write (PEM).", Required = true };
        var outKey = new Option<string>("--out-key") { Description = "Private key file to write (PEM, PKCS#8, mode 0600).", Required = true };
        var hosts = new Option<string[]>("--host") { Description = "A DNS name or IP address clients will call (repeatable); 127.0.0.1, ::1 and localhost are always added." };
        var days = new Option<int>("--days") { Description = "Validity in days (1-3650).", DefaultValueFactory = _ => 365 };
        var force = new Option<bool>("--force") { Description = "Replace existing files." };
        var json = new Option<bool>("--json") { Description = "Print {\"cert\",\"key\",\"hosts\",\"notAfterUtc\",\"sha256\"} as one JSON line." };
        var create = new Command("create", "Create a self-signed ECDSA P-256 certificate and key for the coordinator's TLS endpoints.");
        create.Options.Add(outCert);
        create.Options.Add(outKey);
        create.Options.Add(hosts);
        create.Options.Add(days);
        create.Options.Add(force);
        create.Options.Add(json);
        io.SetAction(create, parse =>
        {
            var certPath = parse.GetValue(outCert)!;
            var keyPath = parse.GetValue(outKey)!;
            var validDays = parse.GetValue(days);
            if (validDays is < 1 or > 3650)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--days: {validDays} is not 1-3650"));
            }

            if (string.Equals(Path.GetFullPath(certPath), Path.GetFullPath(keyPath), StringComparison.Ordinal))
            {
                throw new CliInputException("--out-cert and --out-key name the same file");
            }

            var names = CollectHosts(parse.GetValue(hosts) ?? []);
            AtomicFile.EnsureWritable(certPath, "--out-cert", parse.GetValue(force));
            AtomicFile.EnsureWritable(keyPath, "--out-key", parse.GetValue(force));
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var certificate = CreateSelfSigned(key, names, validDays);

            // Key first: a certificate without its key is useless, a stray key harmless.
            AtomicFile.Write(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n", AtomicFile.Private);
            AtomicFile.Write(certPath, certificate.ExportCertificatePem() + "\n", AtomicFile.Public);
            var fingerprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            var notAfter = certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            if (parse.GetValue(json))
            {
                var list = new JsonArray();
                foreach (var name in names)
                {
                    list.Add(name);
                }

                io.WriteJson(new JsonObject { ["cert"] = certPath, ["key"] = keyPath, ["hosts"] = list, ["notAfterUtc"] = notAfter, ["sha256"] = fingerprint });
            }
            else
            {
                io.Out.WriteLine($"wrote {certPath} and {keyPath} (mode 0600): ECDSA P-256, self-signed, for {string.Join(", ", names)}, valid until {notAfter}, SHA-256 {fingerprint}");
            }

            return ExitCodes.Ok;
        });
        var command = new Command("cert", "TLS certificates for the coordinator.");
        command.Subcommands.Add(create);
        return command;
    }

    private static List<string> CollectHosts(string[] given)
    {
        var names = new List<string>();
        foreach (var host in given)
        {
            var name = host.Trim();
            if (!IPAddress.TryParse(name, out _) && Uri.CheckHostName(name) != UriHostNameType.Dns)
            {
                throw new CliInputException($"--host: '{host}' is not a DNS name or an IP address");
            }

            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        foreach (var always in new[] { "localhost", "127.0.0.1", "::1" })
        {
            if (!names.Contains(always, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(always);
            }
        }

        return names;
    }

    private static X509Certificate2 CreateSelfSigned(ECDsa key, List<string> names, int days)
    {
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + names[0].Replace(",", string.Empty, StringComparison.Ordinal) + ", O=StageControl"), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "serverAuth")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;

        // Five minutes back for clients whose clocks run a little behind.
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(days));
    }
}
