// `stagectl token secret|issue|verify`, `stagectl cert create` and the coordinator's security options: files, modes,
// JSON and exit codes.
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using StageControl.Core.Security;

namespace StageControl.Cli.Tests;

public sealed class SecurityCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("stagectl-security-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    private static JsonElement LastJson(string stdout) => JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;

    [Fact]
    public void TokenSecret_NewFile_Mode0600AndUsable()
    {
        // Arrange
        var path = PathOf("stage.secret");

        // Act
        var (code, stdout, _) = Stagectl.Run("token", "secret", "--out", path, "--json");

        // Assert
        Assert.Equal(0, code);
        var json = LastJson(stdout);
        Assert.Equal(path, json.GetProperty("path").GetString());
        Assert.Equal(32, json.GetProperty("bytes").GetInt32());
        Assert.True(TokenSecret.TryLoad(path, out var secret, out var problem), problem);
        Assert.Equal(32, secret.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Single(_dir.GetFiles());
    }

    [Fact]
    public void TokenSecret_Existing_RefusedWithoutForceReplacedWithIt()
    {
        // Arrange
        var path = PathOf("stage.secret");
        Assert.Equal(0, Stagectl.Run("token", "secret", "--out", path).Code);
        var before = File.ReadAllText(path);

        // Act
        var refused = Stagectl.Run("token", "secret", "--out", path);
        var unchanged = File.ReadAllText(path);
        var forced = Stagectl.Run("token", "secret", "--out", path, "--force");

        // Assert
        Assert.Equal(1, refused.Code);
        Assert.Contains($"{path} already exists; pass --force", refused.Err, StringComparison.Ordinal);
        Assert.Equal(before, unchanged);
        Assert.Equal(0, forced.Code);
        Assert.NotEqual(before, File.ReadAllText(path));
    }

    [Fact]
    public void TokenIssueThenVerify_Json_RoundTrip()
    {
        // Arrange
        var secret = PathOf("s");
        Assert.Equal(0, Stagectl.Run("token", "secret", "--out", secret).Code);

        // Act
        var issued = Stagectl.Run("token", "issue", "--role", "node", "--ttl", "8h", "--secret-file", secret, "--subject", "node-1", "--json");
        var token = LastJson(issued.Out).GetProperty("token").GetString()!;
        var verified = Stagectl.Run("token", "verify", "--token", token, "--secret-file", secret, "--json");
        var bare = Stagectl.Run("token", "issue", "--role", "operator", "--secret-file", secret);

        // Assert
        Assert.Equal(0, issued.Code);
        var json = LastJson(issued.Out);
        Assert.Equal("node", json.GetProperty("role").GetString());
        Assert.Equal("node-1", json.GetProperty("subject").GetString());
        var expires = DateTimeOffset.Parse(json.GetProperty("expiresUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(7.9), TimeSpan.FromHours(8.1));
        Assert.Equal(0, verified.Code);
        Assert.Equal(issued.Out.Trim(), verified.Out.Trim());
        Assert.Equal(0, bare.Code);
        Assert.Single(bare.Out.Trim().Split('\n'));
        Assert.Equal(2, bare.Out.Trim().Split('.').Length);
    }

    [Fact]
    public void TokenIssue_NoSubject_JsonHasExactlyTokenRoleExpires()
    {
        // Arrange
        var secret = PathOf("s");
        Assert.Equal(0, Stagectl.Run("token", "secret", "--out", secret).Code);

        // Act
        var (code, stdout, _) = Stagectl.Run("token", "issue", "--role", "collaborator", "--ttl", "30m", "--secret-file", secret, "--json");

        // Assert
        Assert.Equal(0, code);
        Assert.Equal(["token", "role", "expiresUtc"], LastJson(stdout).EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void TokenVerify_TamperedOrOtherSecret_ExitOneWithReason()
    {
        // Arrange
        var secret = PathOf("a");
        var other = PathOf("b");
        Assert.Equal(0, Stagectl.Run("token", "secret", "--out", secret).Code);
        Assert.Equal(0, Stagectl.Run("token", "secret", "--out", other).Code);
        var token = Stagectl.Run("token", "issue", "--role", "technician", "--secret-file", secret).Out.Trim();

        // Act
        var wrongSecret = Stagectl.Run("token", "verify", "--token", token, "--secret-file", other);
        var malformed = Stagectl.Run("token", "verify", "--token", "not a token", "--secret-file", secret, "--json");

        // Assert
        Assert.Equal(1, wrongSecret.Code);
        Assert.Contains("bad token signature", wrongSecret.Err, StringComparison.Ordinal);
        Assert.Equal(1, malformed.Code);
        Assert.Contains("malformed token", malformed.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, malformed.Out);
        Assert.DoesNotContain("Exception", wrongSecret.Err + malformed.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenIssue_BadInputs_ExitCodes()
    {
        // Arrange
        var secret = PathOf("s");
        var shortSecret = PathOf("short");
        Assert.Equal(0, Stagectl.Run("token", "secret", "--out", secret).Code);
        File.WriteAllText(shortSecret, "c2hvcnQ\n");

        // Act
        var role = Stagectl.Run("token", "issue", "--role", "director", "--secret-file", secret);
        var ttl = Stagectl.Run("token", "issue", "--role", "operator", "--ttl", "8", "--secret-file", secret);
        var missing = Stagectl.Run("token", "issue", "--role", "operator", "--secret-file", PathOf("nope"));
        var tooShort = Stagectl.Run("token", "issue", "--role", "operator", "--secret-file", shortSecret);

        // Assert
        Assert.Equal(2, role.Code);
        Assert.Equal(2, ttl.Code);
        Assert.Contains("--ttl", ttl.Err, StringComparison.Ordinal);
        Assert.Equal(1, missing.Code);
        Assert.Contains($"--secret-file: secret file {PathOf("nope")} cannot be read", missing.Err, StringComparison.Ordinal);
        Assert.Equal(1, tooShort.Code);
        Assert.Contains("holds 5 bytes; a token secret needs at least 32", tooShort.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void CertCreate_Pair_PemFilesModesSanAndJson()
    {
        // Arrange
        var cert = PathOf("c.pem");
        var key = PathOf("k.pem");

        // Act
        var (code, stdout, _) = Stagectl.Run("cert", "create", "--out-cert", cert, "--out-key", key, "--host", "stage.local", "--host", "10.1.2.3", "--days", "30", "--json");

        // Assert
        Assert.Equal(0, code);
        var json = LastJson(stdout);
        Assert.Equal(["stage.local", "10.1.2.3", "localhost", "127.0.0.1", "::1"], json.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()!).ToArray());
        using var pair = X509Certificate2.CreateFromPemFile(cert, key);
        Assert.True(pair.HasPrivateKey);
        Assert.Equal("1.2.840.10045.2.1", pair.PublicKey.Oid.Value); // id-ecPublicKey
        Assert.Equal(pair.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), json.GetProperty("sha256").GetString());
        Assert.InRange(pair.NotAfter.ToUniversalTime() - DateTime.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));
        var san = pair.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("stage.local", san.EnumerateDnsNames());
        Assert.Contains(System.Net.IPAddress.Parse("10.1.2.3"), san.EnumerateIPAddresses());
        Assert.Contains(System.Net.IPAddress.Loopback, san.EnumerateIPAddresses());
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(key), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(cert));
        }

        Assert.Equal(2, _dir.GetFiles().Length);
    }

    [Fact]
    public void CertCreate_BadInputs_ExitOne()
    {
        // Act
        var host = Stagectl.Run("cert", "create", "--out-cert", PathOf("c"), "--out-key", PathOf("k"), "--host", "not a host!");
        var days = Stagectl.Run("cert", "create", "--out-cert", PathOf("c"), "--out-key", PathOf("k"), "--days", "0");
        var same = Stagectl.Run("cert", "create", "--out-cert", PathOf("c"), "--out-key", PathOf("c"));
        var noDir = Stagectl.Run("cert", "create", "--out-cert", PathOf("missing/c"), "--out-key", PathOf("k"));

        // Assert
        Assert.Equal(1, host.Code);
        Assert.Contains("--host: 'not a host!'", host.Err, StringComparison.Ordinal);
        Assert.Equal(1, days.Code);
        Assert.Equal(1, same.Code);
        Assert.Equal(1, noDir.Code);
        Assert.Contains("does not exist", noDir.Err, StringComparison.Ordinal);
        Assert.Empty(_dir.GetFiles());
    }

    [Fact]
    public void Coordinator_NonLoopbackWithoutSecret_ExitOne()
    {
        // Act
        var (code, _, err) = Stagectl.Run("coordinator", "--config", DemoPath, "--grpc", "0.0.0.0:0", "--http", "127.0.0.1:0", "--tracking-port", "0");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("refusing to serve gRPC on 0.0.0.0:0 (--grpc) without access tokens", err, StringComparison.Ordinal);
        Assert.Contains("--secret-file", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Coordinator_SecurityOptionErrors_ExitCodes()
    {
        // Arrange
        var garbage = PathOf("garbage");
        File.WriteAllText(garbage, "this is not base64!\n");

        // Act
        var certOnly = Stagectl.Run("coordinator", "--config", DemoPath, "--tls-cert", PathOf("c.pem"));
        var badSecret = Stagectl.Run("coordinator", "--config", DemoPath, "--secret-file", garbage);
        var missingCert = Stagectl.Run("coordinator", "--config", DemoPath, "--tls-cert", PathOf("c.pem"), "--tls-key", PathOf("k.pem"));

        // Assert
        Assert.Equal(2, certOnly.Code);
        Assert.Contains("--tls-cert and --tls-key go together", certOnly.Err, StringComparison.Ordinal);
        Assert.Equal(1, badSecret.Code);
        Assert.Contains($"secret file {garbage} is not one line of base64", badSecret.Err, StringComparison.Ordinal);
        Assert.Equal(1, missingCert.Code);
        Assert.Contains($"--tls-cert: {PathOf("c.pem")} does not exist", missingCert.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_TokenWithSpaces_ExitOne()
    {
        // Act
        var (code, _, err) = Stagectl.Run("status", "--coordinator", "http://127.0.0.1:1", "--token", "Bearer abc");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("--token: a token has no spaces", err, StringComparison.Ordinal);
    }

    private static string DemoPath => Path.Combine(AppContext.BaseDirectory, "configs", "demo-volume.json");
}
