using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Core.Security;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl token</c>: bearer tokens for the coordinator's roles (shared/DESIGN.md "Roles").
/// <list type="bullet">
/// <item><c>token secret --out F [--force] [--json]</c> — a new random 32-byte secret, written as one base64url line
/// atomically with mode 0600 (refuses to replace an existing file without <c>--force</c>: every token issued with the
/// old secret would stop working). JSON: <c>{"path","bytes"}</c>.</item>
/// <item><c>token issue --role R --ttl 8h --secret-file F [--subject NAME] [--json]</c> — prints the token alone (for
/// <c>TOKEN=$(...)</c>); JSON: <c>{"token","role","expiresUtc"}</c>, plus <c>"subject"</c> when one was given. A node
/// token's subject binds it to that node name.</item>
/// <item><c>token verify --token T --secret-file F [--json]</c> — exit 0 and the claims when valid (JSON as for issue);
/// exit 1 with the reason (malformed, bad signature, expired, unknown role) on stderr when not.</item>
/// </list>
/// </summary>
internal static class TokenCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var command = new Command("token", "Make token secrets; issue and verify bearer tokens for the coordinator's roles.");
        command.Subcommands.Add(CreateSecret(io));
        command.Subcommands.Add(CreateIssue(io));
        command.Subcommands.Add(CreateVerify(io));
        return command;
    }

    private static Command CreateSecret(CliIo io)
    {
        var output = new Option<string>("--out") { Description = "Secret file to write (mode 0600).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing file (tokens issued with the old secret stop working)." };
        var json = new Option<bool>("--json") { Description = "Print {\"path\",\"bytes\"} as one JSON line." };
        var command = new Command("secret", "Create a random token secret file atomically, readable by its owner only.");
        command.Options.Add(output);
        command.Options.Add(force);
        command.Options.Add(json);
        io.SetAction(command, parse =>
        {
            var path = parse.GetValue(output)!;
            AtomicFile.EnsureWritable(path, "--out", parse.GetValue(force));
            var secret = TokenSecret.Generate();
            AtomicFile.Write(path, TokenSecret.Format(secret), AtomicFile.Private);
            if (parse.GetValue(json))
            {
                io.WriteJson(new JsonObject { ["path"] = path, ["bytes"] = secret.Length });
            }
            else
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote a {secret.Length}-byte token secret to {path} (mode 0600); give it to every coordinator of the stage and keep it off the network"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateIssue(CliIo io)
    {
        var role = new Option<string>("--role") { Description = "Role: technician, operator, collaborator, node or peer.", Required = true };
        role.AcceptOnlyFromAmong("technician", "operator", "collaborator", "node", "peer");
        var ttl = new Option<string>("--ttl") { Description = "Lifetime, e.g. 8h, 30m (at most 30 days).", DefaultValueFactory = _ => "8h" };
        var secretFile = new Option<string>("--secret-file") { Description = "Token secret file (stagectl token secret --out F).", Required = true };
        var subject = new Option<string?>("--subject") { Description = "Name the token is bound to (a node token joins only as this node)." };
        var json = new Option<bool>("--json") { Description = "Print {\"token\",\"role\",\"expiresUtc\"} as one JSON line." };
        var command = new Command("issue", "Issue a signed, expiring bearer token for a role.");
        command.Options.Add(role);
        command.Options.Add(ttl);
        command.Options.Add(secretFile);
        command.Options.Add(subject);
        command.Options.Add(json);
        io.SetAction(command, parse =>
        {
            var lifetime = DurationText.Parse(parse.GetValue(ttl), "--ttl");
            AccessRoles.TryParse(parse.GetValue(role), out var accessRole);
            var name = parse.GetValue(subject);
            if (name is not null && (name.Length is 0 or > TokenAuthority.MaxSubjectLength || name.Any(char.IsControl)))
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--subject: a subject has 1 to {TokenAuthority.MaxSubjectLength} characters and no control characters"));
            }

            var authority = new TokenAuthority(SecurityCliText.LoadSecret(parse.GetValue(secretFile)!, "--secret-file"));
            var (token, claims) = authority.Issue(accessRole, lifetime, name);
            if (parse.GetValue(json))
            {
                io.WriteJson(Describe(token, claims));
            }
            else
            {
                io.Out.WriteLine(token);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateVerify(CliIo io)
    {
        var token = new Option<string>("--token") { Description = "The token (without 'Bearer').", Required = true };
        var secretFile = new Option<string>("--secret-file") { Description = "Token secret file.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print {\"token\",\"role\",\"expiresUtc\"} as one JSON line when valid." };
        var command = new Command("verify", "Check a bearer token's signature and expiry; exit 1 with the reason when it is refused.");
        command.Options.Add(token);
        command.Options.Add(secretFile);
        command.Options.Add(json);
        io.SetAction(command, parse =>
        {
            var text = parse.GetValue(token)!.Trim();
            var authority = new TokenAuthority(SecurityCliText.LoadSecret(parse.GetValue(secretFile)!, "--secret-file"));
            var check = authority.Verify(text);
            if (!check.IsValid)
            {
                throw new CliInputException("--token: refused: " + check.Describe());
            }

            var claims = check.Token!;
            if (parse.GetValue(json))
            {
                io.WriteJson(Describe(text, claims));
            }
            else
            {
                io.Out.WriteLine($"valid: role {AccessRoles.Name(claims.Role)}, subject {claims.Subject ?? "(none)"}, expires {FormatUtc(claims.ExpiresUtc)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static JsonObject Describe(string token, AccessToken claims)
    {
        var node = new JsonObject
        {
            ["token"] = token,
            ["role"] = AccessRoles.Name(claims.Role),
            ["expiresUtc"] = FormatUtc(claims.ExpiresUtc),
        };
        if (claims.Subject is { } subject)
        {
            node["subject"] = subject;
        }

        return node;
    }

    private static string FormatUtc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
