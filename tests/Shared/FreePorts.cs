// Loopback ports that were free a moment ago, for tests that must pass a port number to a process or command (the
// usual small race of that approach accepted: port 0 cannot be used there).
using System.Net;
using System.Net.Sockets;

namespace StageControl.Tests.Shared;

/// <summary>A free loopback TCP or UDP port, found by binding port 0 and releasing it.</summary>
public static class FreePorts
{
    /// <summary>A TCP port on 127.0.0.1 with nothing listening now.</summary>
    public static int Tcp()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A UDP port on 127.0.0.1 with nothing bound now.</summary>
    public static int Udp()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
