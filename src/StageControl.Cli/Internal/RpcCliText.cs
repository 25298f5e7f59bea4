// Option parsing for the commands that serve or call gRPC: listen endpoints (port 0 allowed) and coordinator URLs.
using System.Net;

namespace StageControl.Cli.Internal;

/// <summary>Parses endpoint and URL options; bad values throw <see cref="CliInputException"/>.</summary>
internal static class RpcCliText
{
    /// <summary><c>HOST:PORT</c> to listen on; port 0 picks a free one.</summary>
    public static IPEndPoint ParseListen(string text, string option)
    {
        if (text.EndsWith(":0", StringComparison.Ordinal) && text.Length > 2)
        {
            var host = TrackCliText.ParseEndPoint(text[..^2] + ":1", option);
            return new IPEndPoint(host.Address, 0);
        }

        return TrackCliText.ParseEndPoint(text, option);
    }

    /// <summary>A coordinator address: <c>http://HOST:PORT</c>, <c>https://…</c> or bare <c>HOST:PORT</c> (http).</summary>
    public static Uri ParseCoordinator(string text, string option)
    {
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new CliInputException($"{option}: '{text}' is not a coordinator URL like http://127.0.0.1:50051");
        }

        return uri;
    }
}
