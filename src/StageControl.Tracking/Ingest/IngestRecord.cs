using System.Buffers;
using System.Buffers.Binary;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// The record that frames each UDP datagram inside the ingest <see cref="System.IO.Pipelines.Pipe"/>
/// (shared/STYLE.md "I/O layer": UDP has datagram boundaries and a Pipe does not, so each datagram is framed on the
/// way in, gRPC-style). All fields little-endian (the record never leaves the process).
/// <code>
///  0        2                     10       12
/// +--------+---------------------+--------+---------------------------
/// | length | arrival timestamp   | source | payload (length bytes)
/// | u16    | i64 Stopwatch ticks | u16    | the datagram as received
/// +--------+---------------------+--------+---------------------------
/// </code>
/// <c>source</c> is the sender's slot in the ingest's source table (allowlist and per-source stats are keyed by it);
/// it is the one field added to STYLE.md's <c>[u16 length][i64 timestamp][payload]</c>, because the reader loop must
/// know which sender a datagram came from and the Pipe carries nothing else.
/// </summary>
public static class IngestRecord
{
    /// <summary>Header length in bytes.</summary>
    public const int HeaderLength = 12;

    /// <summary>Largest UDP payload over IPv4 (65 535 − 8 UDP − 20 IP), which also fits the u16 length.</summary>
    public const int MaxPayloadLength = 65507;

    /// <summary>Writes the header in front of a payload of <paramref name="length"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, int length, long timestamp, int source)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, checked((ushort)length));
        BinaryPrimitives.WriteInt64LittleEndian(destination[2..], timestamp);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], checked((ushort)source));
    }

    /// <summary>
    /// Reads one record. <see cref="OperationStatus.Done"/> consumes it and slices the payload from the input (no copy);
    /// <see cref="OperationStatus.NeedMoreData"/> (a strict prefix) consumes nothing. The writer is this process, so
    /// there is no invalid record.
    /// </summary>
    public static OperationStatus TryRead(ref SequenceReader<byte> reader, out long timestamp, out int source, out ReadOnlySequence<byte> payload)
    {
        timestamp = 0;
        source = 0;
        payload = default;
        Span<byte> header = stackalloc byte[HeaderLength];
        if (!reader.TryCopyTo(header))
        {
            return OperationStatus.NeedMoreData;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(header);
        if (reader.Remaining - HeaderLength < length)
        {
            return OperationStatus.NeedMoreData;
        }

        timestamp = BinaryPrimitives.ReadInt64LittleEndian(header[2..]);
        source = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
        payload = reader.UnreadSequence.Slice(HeaderLength, length);
        reader.Advance(HeaderLength + length);
        return OperationStatus.Done;
    }
}
