using System.CommandLine;
using StageControl.Rpc;

namespace StageControl.Cli.Internal;

/// <summary>
/// <c>--coordinator URL [--token T] [--ca F] [--json]</c>, shared by the commands that make one unary call to a
/// coordinator (operator get/set, collab …), and the call itself through <see cref="CoordinatorCall"/>.
/// </summary>
/// <param name="tokenRole">The role the token should have, for the option's help.</param>
/// <param name="jsonDescription">What <c>--json</c> prints.</param>
/// <param name="refused">Maps a refusal the coordinator gives to a message naming the option; null to keep the default.</param>
internal sealed class CoordinatorCallOptions(string tokenRole, string jsonDescription, Func<RpcException, string?>? refused = null)
{
    public Option<string> Coordinator { get; } = new("--coordinator") { Description = "Coordinator gRPC URL, e.g. http://127.0.0.1:50051.", Required = true };

    public Option<string?> Token { get; } = new("--token") { Description = $"Bearer token (stagectl token issue --role {tokenRole}) for a coordinator with a token secret." };

    public Option<string?> Ca { get; } = new("--ca") { Description = "For an https coordinator with a self-signed certificate: trust this certificate (PEM) only." };

    public Option<bool> Json { get; } = new("--json") { Description = jsonDescription };

    public void AddTo(Command command)
    {
        command.Options.Add(Coordinator);
        command.Options.Add(Token);
        command.Options.Add(Ca);
        command.Options.Add(Json);
    }

    public T Call<T>(ParseResult parse, Func<CallInvoker, CallOptions, AsyncUnaryCall<T>> call)
    {
        var text = parse.GetValue(Coordinator)!;
        var uri = RpcCliText.ParseCoordinator(text, "--coordinator");
        var headers = SecurityCliText.BearerHeaders(parse.GetValue(Token));
        using var trusted = parse.GetValue(Ca) is { } caPath ? SecurityCliText.LoadCa(caPath, "--ca") : null;
        return CoordinatorCall.Invoke(uri, text, headers, trusted, call, refused);
    }

    /// <summary>
    /// The message for an INVALID_ARGUMENT-like refusal whose detail starts with a proto field name: the option that set
    /// that field, then the coordinator's words; null for other status codes.
    /// </summary>
    public static string? FieldRefusal(RpcException e, IReadOnlyList<(string Field, string Option)> fields, IReadOnlyCollection<StatusCode> codes, string what)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!codes.Contains(e.StatusCode))
        {
            return null;
        }

        var detail = e.Status.Detail ?? string.Empty;
        foreach (var (field, option) in fields)
        {
            if (detail.StartsWith(field, StringComparison.Ordinal))
            {
                return $"{option}: the coordinator refused {what}: {detail}";
            }
        }

        return $"the coordinator refused {what}: {detail}";
    }
}
