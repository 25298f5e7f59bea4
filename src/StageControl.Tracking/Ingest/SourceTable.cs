using System.Net;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// Senders seen by one ingest, in slots. The I/O loop resolves each datagram's <see cref="SocketAddress"/> to a slot
/// (comparing bytes: no allocation for a known sender) and appends new senders; the reader loop and observers read
/// slots. Rejected senders take a slot too, so the allowlist is checked once per sender. Appends publish the count
/// last (<see cref="Volatile"/>), so readers never see a half-built slot.
/// </summary>
internal sealed class SourceTable(IpAllowlist allowlist, int capacity)
{
    private readonly SocketAddress[] _addresses = new SocketAddress[capacity];
    private readonly bool[] _allowed = new bool[capacity];
    private readonly SourceStats[] _stats = new SourceStats[capacity];
    private readonly object?[] _decoderState = new object?[capacity];
    private int _count;

    /// <summary>Slots in use.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The stats of slot <paramref name="index"/>.</summary>
    public SourceStats Stats(int index) => _stats[index];

    /// <summary>Whether slot <paramref name="index"/> passed the allowlist.</summary>
    public bool IsAllowed(int index) => _allowed[index];

    /// <summary>Per-source decoder state (an OpenTrackIO reassembler), owned by the reader loop.</summary>
    public ref object? DecoderState(int index) => ref _decoderState[index];

    /// <summary>The slot of <paramref name="address"/>, adding it when new; −1 when the table is full.</summary>
    public int Resolve(SocketAddress address)
    {
        var count = _count;
        for (var i = 0; i < count; i++)
        {
            var known = _addresses[i];
            if (known.Size == address.Size && known.Buffer.Span[..known.Size].SequenceEqual(address.Buffer.Span[..address.Size]))
            {
                return i;
            }
        }

        if (count == _addresses.Length)
        {
            return -1;
        }

        // A new sender: the only allocations of the I/O loop.
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        var endPoint = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(copy);
        _addresses[count] = copy;
        _allowed[count] = allowlist.Allows(endPoint.Address);
        _stats[count] = new SourceStats(endPoint);
        Volatile.Write(ref _count, count + 1);
        return count;
    }
}
