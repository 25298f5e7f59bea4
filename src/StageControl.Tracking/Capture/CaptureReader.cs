using System.Buffers.Binary;
using System.Net;

namespace StageControl.Tracking.Capture;

/// <summary>Reads a capture file (<see cref="CaptureFormat"/>), reporting damage with its byte offset.</summary>
public static class CaptureReader
{
    /// <summary>
    /// Reads every record of <paramref name="data"/>. On damage returns the error with the records before it, the byte
    /// offset of the damaged header/record in <paramref name="errorOffset"/> and a message in <paramref name="message"/>.
    /// </summary>
    public static CaptureError TryRead(
        ReadOnlySpan<byte> data,
        out byte formatCode,
        out DateTimeOffset start,
        out List<CaptureRecord> records,
        out long errorOffset,
        out string? message)
    {
        records = [];
        formatCode = 0;
        start = DateTimeOffset.UnixEpoch;
        errorOffset = 0;
        message = null;
        if (data.Length < CaptureFormat.HeaderLength)
        {
            message = $"the file is {data.Length} bytes, shorter than the {CaptureFormat.HeaderLength}-byte header";
            return data.Length >= CaptureFormat.Magic.Length && !data.StartsWith(CaptureFormat.Magic) ? CaptureError.BadMagic : CaptureError.Truncated;
        }

        if (!data.StartsWith(CaptureFormat.Magic))
        {
            message = "not a StageControl capture (magic \"SCTRKCAP\" missing)";
            return CaptureError.BadMagic;
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        if (version != CaptureFormat.Version)
        {
            errorOffset = 8;
            message = $"capture version {version} is not supported (this reader knows {CaptureFormat.Version})";
            return CaptureError.UnsupportedVersion;
        }

        formatCode = data[10];
        start = DateTimeOffset.UnixEpoch.AddTicks(BinaryPrimitives.ReadInt64LittleEndian(data[12..]) / 100);
        var position = CaptureFormat.HeaderLength;
        long lastOffset = 0;
        while (position < data.Length)
        {
            var rest = data[position..];
            if (rest.Length < CaptureFormat.RecordHeaderLength)
            {
                return Fail(CaptureError.Truncated, position, $"record {records.Count} is cut short: {rest.Length} of its {CaptureFormat.RecordHeaderLength} header bytes", out errorOffset, out message);
            }

            var offset = BinaryPrimitives.ReadInt64LittleEndian(rest);
            var family = rest[8];
            var address = rest.Slice(9, 16);
            var port = BinaryPrimitives.ReadUInt16LittleEndian(rest[25..]);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(rest[27..]);
            if (offset < lastOffset)
            {
                return Fail(CaptureError.Corrupt, position, $"record {records.Count}: arrival offset {offset} ns goes back before {lastOffset} ns", out errorOffset, out message);
            }

            if (family is not (4 or 6) || (family == 4 && address[4..].ContainsAnyExcept((byte)0)))
            {
                return Fail(CaptureError.Corrupt, position, $"record {records.Count}: bad address family/padding (family byte {family})", out errorOffset, out message);
            }

            if (length > CaptureFormat.MaxPayloadLength)
            {
                return Fail(CaptureError.Corrupt, position, $"record {records.Count}: length {length} is over {CaptureFormat.MaxPayloadLength}", out errorOffset, out message);
            }

            if (rest.Length - CaptureFormat.RecordHeaderLength < length)
            {
                return Fail(CaptureError.Truncated, position, $"record {records.Count} is cut short: {rest.Length - CaptureFormat.RecordHeaderLength} of its {length} payload bytes", out errorOffset, out message);
            }

            var ip = family == 4 ? new IPAddress(address[..4]) : new IPAddress(address);
            records.Add(new CaptureRecord(offset, new IPEndPoint(ip, port), rest.Slice(CaptureFormat.RecordHeaderLength, length).ToArray()));
            lastOffset = offset;
            position += CaptureFormat.RecordHeaderLength + length;
        }

        return CaptureError.None;
    }

    private static CaptureError Fail(CaptureError error, long offset, string text, out long errorOffset, out string message)
    {
        errorOffset = offset;
        message = text;
        return error;
    }
}
