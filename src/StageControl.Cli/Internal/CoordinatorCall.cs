// One unary call to a coordinator from the CLI (status, operator): channel, token, CA, deadline, and the mapping of
// RPC failures to exit-1 messages that name what went wrong without .NET exception names.
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using StageControl.Rpc;

namespace StageControl.Cli.Internal;

/// <summary>Makes one unary call; every failure becomes a <see cref="CliInputException"/> (exit 1).</summary>
internal static class CoordinatorCall
{
    /// <summary>The deadline of one call.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Calls <paramref name="call"/> on a channel to <paramref name="uri"/> (<paramref name="text"/> as the user wrote it,
    /// for messages) with <paramref name="headers"/> and a <see cref="Deadline"/>. <paramref name="refused"/> may turn a
    /// status the server answered (e.g. INVALID_ARGUMENT) into a message; null falls through to the generic text.
    /// </summary>
    public static T Invoke<T>(Uri uri, string text, Metadata? headers, X509Certificate2? trusted,
        Func<CallInvoker, CallOptions, AsyncUnaryCall<T>> call, Func<RpcException, string?>? refused = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            using var channel = RpcChannel.ForAddress(uri, new RpcChannelOptions { TrustedCertificate = trusted });
            using var pending = call(channel.CreateCallInvoker(), new CallOptions(Headers: headers, Deadline: DateTime.UtcNow.Add(Deadline)));
            return pending.ResponseAsync.GetAwaiter().GetResult();
        }
        catch (RpcException e) when (refused?.Invoke(e) is { } message)
        {
            throw new CliInputException(message);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            var hint = e.StatusCode == StatusCode.Unauthenticated ? " (pass --token; stagectl token issue makes one)" : string.Empty;
            throw new CliInputException($"coordinator at {text} refused the call: {e.StatusCode}: {e.Status.Detail}{hint}");
        }
        catch (RpcException e)
        {
            // The transport's detail names .NET exception types ("HttpRequestException: Connection refused"); keep the words.
            var words = Regex.Replace(e.Status.Detail ?? string.Empty, @"\b[A-Za-z.]*Exception: ", string.Empty);
            var detail = string.IsNullOrEmpty(words) ? e.StatusCode.ToString() : $"{e.StatusCode}: {words}";
            if (words.Contains("SSL", StringComparison.Ordinal))
            {
                // The certificate was not trusted (or TLS failed): say what to do rather than "see inner exception".
                detail = "TLS handshake failed (the coordinator's certificate is not trusted; for a self-signed one pass --ca CERT.pem)";
            }

            throw new CliInputException($"cannot reach coordinator at {text}: {detail}");
        }
        catch (HttpRequestException e)
        {
            throw new CliInputException($"cannot reach coordinator at {text}: {e.Message}");
        }
    }
}
