using System.Net;
using System.Net.Sockets;
using StageControl.Tracking.CameraState;

namespace StageControl.Tracking.Rebroadcast;

/// <summary>
/// Sends evaluated camera poses over UDP as OpenTrackIO (multicast 239.135.1.N:55555 by default, or unicast) or FreeD
/// D1. One socket per publisher; multicast TTL 1 unless told otherwise (stay on the stage network).
/// </summary>
public sealed class UdpPosePublisher : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _freeD = new byte[FreeD.FreeDWriter.D1Length];

    /// <summary>A publisher sending to <paramref name="destination"/>.</summary>
    public UdpPosePublisher(IPEndPoint destination, int multicastTtl = 1)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Destination = destination;
        _socket = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (destination.AddressFamily == AddressFamily.InterNetwork)
        {
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, multicastTtl);
        }
    }

    /// <summary>Where datagrams go.</summary>
    public IPEndPoint Destination { get; }

    /// <summary>Datagrams sent so far.</summary>
    public long Sent { get; private set; }

    /// <summary>Sends one datagram.</summary>
    public void Send(ReadOnlySpan<byte> datagram)
    {
        _socket.SendTo(datagram, SocketFlags.None, Destination);
        Sent++;
    }

    /// <summary>Sends <paramref name="pose"/> as OpenTrackIO packets from <paramref name="encoder"/>.</summary>
    public void PublishOpenTrackIO(OtrkPoseEncoder encoder, in CameraPose pose)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        foreach (var packet in encoder.Encode(pose))
        {
            Send(packet);
        }
    }

    /// <summary>Sends <paramref name="pose"/> as one FreeD D1 datagram; false when it does not fit FreeD's ranges.</summary>
    public bool PublishFreeD(in CameraPose pose, byte cameraId)
    {
        if (!PoseEncoding.TryWriteFreeD(pose, cameraId, _freeD, out var written))
        {
            return false;
        }

        Send(_freeD.AsSpan(0, written));
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
