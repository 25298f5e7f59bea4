using System.Net;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// Which sender addresses the ingest accepts: a list of CIDR networks (<c>10.0.0.0/8</c>, <c>192.168.1.20/32</c>,
/// <c>fd00::/8</c>). An empty list accepts everyone. IPv4-mapped IPv6 senders are checked as IPv4.
/// </summary>
public sealed class IpAllowlist
{
    private readonly IPNetwork[] _networks;

    /// <summary>An allowlist of the given networks.</summary>
    public IpAllowlist(IEnumerable<IPNetwork> networks) => _networks = [.. networks];

    /// <summary>Accepts every sender.</summary>
    public static IpAllowlist Any { get; } = new([]);

    /// <summary>Parses CIDR strings; a bare address means that one host. Returns false naming the first bad entry.</summary>
    public static bool TryParse(IEnumerable<string> cidrs, out IpAllowlist allowlist, out string? badEntry)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        var list = new List<IPNetwork>();
        foreach (var text in cidrs)
        {
            if (IPNetwork.TryParse(text, out var network))
            {
                list.Add(network);
            }
            else if (IPAddress.TryParse(text, out var host))
            {
                list.Add(new IPNetwork(host, host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                allowlist = Any;
                badEntry = text;
                return false;
            }
        }

        allowlist = new IpAllowlist(list);
        badEntry = null;
        return true;
    }

    /// <summary>Whether <paramref name="address"/> is accepted.</summary>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_networks.Length == 0)
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
