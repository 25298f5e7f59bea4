using System.Net;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// Where the ingest gets datagrams from: a UDP socket (<see cref="UdpDatagramSource"/>) or, in tests, memory.
/// Shaped like the .NET 8+ <c>Socket.ReceiveFromAsync(Memory, SocketFlags, SocketAddress, CancellationToken)</c>
/// overload so the socket path allocates nothing per datagram.
/// </summary>
public interface IDatagramSource : IDisposable
{
    /// <summary>A <see cref="SocketAddress"/> of the right family for <see cref="ReceiveAsync"/> to fill (created once, reused).</summary>
    SocketAddress CreateAddress();

    /// <summary>
    /// Receives one datagram into <paramref name="buffer"/> and its sender into <paramref name="remote"/>. Returns the
    /// datagram length, or −1 when the source has ended (memory sources; a socket never ends by itself).
    /// </summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, SocketAddress remote, CancellationToken cancellationToken);
}
