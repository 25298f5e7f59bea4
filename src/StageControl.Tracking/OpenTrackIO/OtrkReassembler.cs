using System.Buffers;

namespace StageControl.Tracking.OpenTrackIO;

/// <summary>
/// Reassembles segmented OpenTrackIO payloads from one source (one reassembler per source address/number).
/// Rules (OpenTrackIO 1.0.1 transport; protocols.md §3.2–3.3): segments arrive in order, each one's offset equals the
/// bytes already buffered, the last carries the last-segment flag; if any segment is lost the whole payload is
/// dropped. A partial message older than the timeout (measured from its first segment) is dropped. The same
/// (sequence number, offset) twice in a row is a multicast duplicate and is ignored. Sequence numbers are not
/// required to be consecutive: the specification numbers every packet, so offsets alone order the segments.
/// Time is passed in (<paramref name="timeout"/> and each call's <c>now</c>, any monotonic clock): no clock reads.
/// Steady state allocates nothing: the buffer grows only for a larger message than seen before.
/// </summary>
/// <param name="timeout">How long a partial message may wait for its next segment.</param>
/// <param name="maxMessageLength">Largest reassembled payload accepted.</param>
public sealed class OtrkReassembler(TimeSpan timeout, int maxMessageLength = OtrkReassembler.DefaultMaxMessageLength)
{
    /// <summary>Default largest payload (1 MiB).</summary>
    public const int DefaultMaxMessageLength = 1 << 20;

    private byte[] _buffer = [];
    private int _length;
    private bool _active;
    private OtrkEncoding _encoding;
    private ushort _firstSequence;
    private TimeSpan _startedAt;
    private bool _haveLast;
    private ushort _lastSequence;
    private uint _lastOffset;

    /// <summary>Partial messages dropped so far (lost, reordered, timed-out or superseded segments).</summary>
    public long DroppedMessages { get; private set; }

    /// <summary>
    /// Adds one validated packet. Returns <see cref="OperationStatus.Done"/> with the complete <paramref name="message"/>,
    /// <see cref="OperationStatus.NeedMoreData"/> while segments are missing, or <see cref="OperationStatus.InvalidData"/>
    /// with the reason (the partial message, if any, is dropped unless the packet was a duplicate).
    /// </summary>
    public OperationStatus Add(in OtrkHeader header, ReadOnlySequence<byte> payload, TimeSpan now, out OtrkMessage message, out OtrkError error)
    {
        message = default;
        if (_haveLast && header.SequenceNumber == _lastSequence && header.SegmentOffset == _lastOffset)
        {
            error = OtrkError.DuplicateSegment;
            return OperationStatus.InvalidData;
        }

        _haveLast = true;
        _lastSequence = header.SequenceNumber;
        _lastOffset = header.SegmentOffset;

        var timedOut = _active && now - _startedAt > timeout;
        if (timedOut)
        {
            Drop();
        }

        if (header.SegmentOffset == 0)
        {
            if (_active)
            {
                Drop();
            }

            if (header.IsLastSegment)
            {
                // Unsegmented: hand the input slice back, no copy.
                message = new OtrkMessage(header.Encoding, header.SequenceNumber, payload);
                error = OtrkError.None;
                return OperationStatus.Done;
            }

            if (payload.Length > maxMessageLength)
            {
                error = OtrkError.MessageTooLarge;
                return OperationStatus.InvalidData;
            }

            _active = true;
            _encoding = header.Encoding;
            _firstSequence = header.SequenceNumber;
            _startedAt = now;
            _length = 0;
            Append(payload);
            error = OtrkError.None;
            return OperationStatus.NeedMoreData;
        }

        if (!_active)
        {
            error = timedOut ? OtrkError.SegmentTimedOut : OtrkError.MissingSegment;
            return OperationStatus.InvalidData;
        }

        if (header.SegmentOffset != (uint)_length)
        {
            Drop();
            error = OtrkError.SegmentOutOfOrder;
            return OperationStatus.InvalidData;
        }

        if (header.Encoding != _encoding)
        {
            Drop();
            error = OtrkError.EncodingChanged;
            return OperationStatus.InvalidData;
        }

        if (payload.Length > maxMessageLength - _length)
        {
            Drop();
            error = OtrkError.MessageTooLarge;
            return OperationStatus.InvalidData;
        }

        Append(payload);
        error = OtrkError.None;
        if (!header.IsLastSegment)
        {
            return OperationStatus.NeedMoreData;
        }

        _active = false;
        message = new OtrkMessage(_encoding, _firstSequence, new ReadOnlySequence<byte>(_buffer, 0, _length));
        return OperationStatus.Done;
    }

    private void Append(ReadOnlySequence<byte> payload)
    {
        var needed = _length + (int)payload.Length;
        if (needed > _buffer.Length)
        {
            var grown = new byte[Math.Min(Math.Max(needed, Math.Max(_buffer.Length * 2, 4096)), maxMessageLength)];
            _buffer.AsSpan(0, _length).CopyTo(grown);
            _buffer = grown;
        }

        payload.CopyTo(_buffer.AsSpan(_length));
        _length = needed;
    }

    private void Drop()
    {
        _active = false;
        _length = 0;
        DroppedMessages++;
    }
}
