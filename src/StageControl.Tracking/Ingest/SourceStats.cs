using System.Diagnostics;
using System.Net;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// Statistics of one sender, updated on the ingest's reader loop only (single writer); other threads read them through
/// <see cref="Snapshot"/> (64-bit fields, so reads are not torn on 64-bit hosts; a snapshot is not atomic as a whole).
/// </summary>
public sealed class SourceStats
{
    private const int ReasonCount = (int)IngestRejectReason.NoPose + 1;

    // Inter-arrival jitter: RFC 3550 §6.4.1's smoothing (gain 1/16) applied to the deviation of each inter-arrival
    // time from its running mean (there is no sender clock in FreeD or OSC to compare against).
    private const double JitterGain = 1.0 / 16.0;

    private readonly long[] _rejects = new long[ReasonCount];
    private long _packets;
    private long _samples;
    private long _firstSeen;
    private long _lastSeen;
    private double _meanIntervalTicks;
    private double _jitterTicks;
    private long _windowStart;
    private long _windowPackets;
    private double _rate;
    private bool _haveSequence;
    private ushort _expectedSequence;
    private long _lost;
    private long _late;

    internal SourceStats(IPEndPoint endPoint) => EndPoint = endPoint;

    /// <summary>The sender.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Datagrams seen from this sender (accepted or not).</summary>
    public long Packets => Volatile.Read(ref _packets);

    /// <summary>A copy of the current figures.</summary>
    public SourceStatsSnapshot Snapshot()
    {
        var rejects = new Dictionary<IngestRejectReason, long>();
        for (var i = 1; i < ReasonCount; i++)
        {
            var n = Volatile.Read(ref _rejects[i]);
            if (n > 0)
            {
                rejects[(IngestRejectReason)i] = n;
            }
        }

        var lastSeen = Volatile.Read(ref _lastSeen);
        return new SourceStatsSnapshot(
            EndPoint,
            Volatile.Read(ref _packets),
            Volatile.Read(ref _samples),
            Volatile.Read(ref _rate),
            _jitterTicks * 1e6 / Stopwatch.Frequency,
            Volatile.Read(ref _lost),
            Volatile.Read(ref _late),
            lastSeen,
            lastSeen == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(lastSeen),
            rejects);
    }

    /// <summary>Counts one datagram that arrived at <paramref name="timestamp"/> (Stopwatch ticks).</summary>
    internal void OnPacket(long timestamp)
    {
        var previous = _lastSeen;
        _packets++;
        if (previous == 0)
        {
            _firstSeen = timestamp;
            _windowStart = timestamp;
        }
        else
        {
            double interval = timestamp - previous;
            if (_packets == 2)
            {
                _meanIntervalTicks = interval;
            }
            else
            {
                _jitterTicks += (Math.Abs(interval - _meanIntervalTicks) - _jitterTicks) * JitterGain;
                _meanIntervalTicks += (interval - _meanIntervalTicks) * JitterGain;
            }
        }

        Volatile.Write(ref _lastSeen, timestamp);

        // Packet rate over windows of at least one second.
        _windowPackets++;
        var elapsed = timestamp - _windowStart;
        if (elapsed >= Stopwatch.Frequency)
        {
            Volatile.Write(ref _rate, _windowPackets * (double)Stopwatch.Frequency / elapsed);
            _windowStart = timestamp;
            _windowPackets = 0;
        }
        else if (_rate == 0 && elapsed > 0 && _packets > 1)
        {
            // Until the first window closes, report the rate since the first packet.
            _rate = (_packets - 1) * (double)Stopwatch.Frequency / (timestamp - _firstSeen);
        }
    }

    /// <summary>Counts a sample produced from this sender.</summary>
    internal void OnSample() => _samples++;

    /// <summary>Counts a rejected datagram.</summary>
    internal void OnReject(IngestRejectReason reason) => _rejects[(int)reason]++;

    /// <summary>
    /// Tracks a 16-bit wrapping sequence number (OpenTrackIO packet header): a packet numbered <c>expected + k</c> (0 &lt; k &lt; 32768) counts k lost; one from behind counts as late.
    /// </summary>
    internal void OnSequence(ushort sequence)
    {
        if (_haveSequence)
        {
            var gap = (ushort)(sequence - _expectedSequence);
            if (gap >= 0x8000)
            {
                _late++;
                return;
            }

            _lost += gap;
        }

        _haveSequence = true;
        _expectedSequence = (ushort)(sequence + 1);
    }
}
