// Option parsing shared by the `track listen|record|replay` commands: formats, HOST:PORT end points, ports.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StageControl.Tracking.Ingest;

namespace StageControl.Cli.Internal;

/// <summary>Parses the option values shared by the tracking tools; bad values throw <see cref="CliInputException"/>.</summary>
internal static class TrackCliText
{
    /// <summary>The format names accepted by <c>--format</c>.</summary>
    public static readonly string[] FormatNames = ["freed", "osc", "opentrackio"];

    /// <summary>Maps a <c>--format</c> name (already checked by the parser) to the ingest format.</summary>
    public static TrackingFormat ParseFormat(string name) => name switch
    {
        "freed" => TrackingFormat.FreeD,
        "osc" => TrackingFormat.Osc,
        "opentrackio" => TrackingFormat.OpenTrackIO,
        _ => throw new CliUsageException($"--format: '{name}' is not freed, osc or opentrackio."),
    };

    /// <summary>Checks a UDP port given with <paramref name="option"/>: 1-65535.</summary>
    public static int CheckPort(int port, string option) => port is >= 1 and <= 65535
        ? port
        : throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{option}: {port} is not a port 1-65535."));

    /// <summary>Parses an IP address given with <paramref name="option"/>.</summary>
    public static IPAddress ParseAddress(string text, string option) => IPAddress.TryParse(text.Trim('[', ']'), out var address)
        ? address
        : throw new CliInputException($"{option}: '{text}' is not an IP address.");

    /// <summary>Parses <c>HOST:PORT</c> (IPv4/IPv6 literal or a host name resolving to IPv4) given with <paramref name="option"/>.</summary>
    public static IPEndPoint ParseEndPoint(string text, string option)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new CliInputException($"{option}: '{text}' is not HOST:PORT with a port 1-65535.");
        }

        var host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            foreach (var candidate in Dns.GetHostAddresses(host))
            {
                if (candidate.AddressFamily == AddressFamily.InterNetwork)
                {
                    return new IPEndPoint(candidate, port);
                }
            }
        }
        catch (SocketException)
        {
            // Reported below.
        }
        catch (ArgumentException)
        {
            // Reported below.
        }

        throw new CliInputException($"{option}: cannot resolve host '{host}' to an IPv4 address.");
    }
}
