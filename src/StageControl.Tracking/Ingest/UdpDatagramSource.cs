using System.Net;
using System.Net.Sockets;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// A bound UDP socket as an <see cref="IDatagramSource"/>: unicast on a local endpoint, optionally joined to an IPv4
/// multicast group (OpenTrackIO sends to 239.135.1.N, port 55555; protocols.md §3.2).
/// </summary>
public sealed class UdpDatagramSource : IDatagramSource
{
    private readonly Socket _socket;

    /// <summary>Binds to <paramref name="local"/>; with <paramref name="multicastGroup"/>, joins it on all interfaces.</summary>
    public UdpDatagramSource(IPEndPoint local, IPAddress? multicastGroup = null, int receiveBufferBytes = 4 << 20)
    {
        ArgumentNullException.ThrowIfNull(local);
        _socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = receiveBufferBytes;
            if (multicastGroup is not null)
            {
                // Several receivers on one host may listen to the same group.
                _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            _socket.Bind(local);
            if (multicastGroup is not null)
            {
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(multicastGroup, IPAddress.Any));
            }
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>The bound endpoint (the actual port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The OpenTrackIO multicast group for source number <paramref name="sourceNumber"/> (1–200): 239.135.1.N.</summary>
    public static IPAddress OpenTrackIOGroup(int sourceNumber) => new([239, 135, 1, checked((byte)sourceNumber)]);

    /// <inheritdoc/>
    public SocketAddress CreateAddress() => new(_socket.AddressFamily);

    /// <inheritdoc/>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, SocketAddress remote, CancellationToken cancellationToken)
        => _socket.ReceiveFromAsync(buffer, SocketFlags.None, remote, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _socket.Dispose();
}
