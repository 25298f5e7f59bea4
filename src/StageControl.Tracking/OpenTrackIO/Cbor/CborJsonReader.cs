using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace StageControl.Tracking.OpenTrackIO.Cbor;

/// <summary>
/// A small RFC 8949 CBOR reader that turns one data item into a JSON tree (System.Text.Json.Nodes), for OpenTrackIO
/// CBOR payloads (the reference sender uses cbor2 with 64-bit floats; protocols.md §3.5). System.Formats.Cbor is not
/// available here (DESIGN.md "Dependencies").
/// <code>
/// initial byte:  | major type (3 bits) | additional information (5 bits) |
///   ai 0–23 value itself · 24/25/26/27 → 1/2/4/8-byte big-endian argument · 28–30 malformed · 31 indefinite
/// major 0 uint · 1 negative (−1 − n) · 2 bytes · 3 text · 4 array · 5 map · 6 tag · 7 simple/float/break
/// </code>
/// Mapping: integers → JSON numbers (64-bit and the full negative range, via decimal below long.MinValue); half,
/// single and double floats → numbers (NaN/±infinity → "NaN"/"Infinity"/"-Infinity", as JSON has no such numbers);
/// text → string; bytes → base64 string; false/true/null → themselves; undefined → null; tags are skipped (the
/// tagged item is kept); indefinite-length strings, arrays and maps are joined; map keys must be text or integers.
/// Never throws for bad input: every failure is a <see cref="CborError"/> with its byte offset.
/// </summary>
public static class CborJsonReader
{
    /// <summary>Deepest nesting of arrays, maps and tags.</summary>
    public const int MaxDepth = 32;

    private const byte Break = 0xFF;

    /// <summary>Converts exactly one CBOR data item (no trailing bytes) to JSON.</summary>
    public static CborError TryRead(ReadOnlySpan<byte> data, out JsonNode? node, out int errorOffset)
    {
        var pos = 0;
        var error = ReadItem(data, ref pos, 0, out node);
        if (error == CborError.None && pos != data.Length)
        {
            error = CborError.TrailingBytes;
        }

        if (error != CborError.None)
        {
            node = null;
        }

        errorOffset = error == CborError.None ? -1 : pos;
        return error;
    }

    private static CborError ReadItem(ReadOnlySpan<byte> data, ref int pos, int depth, out JsonNode? node)
    {
        node = null;
        if (depth > MaxDepth)
        {
            return CborError.TooDeep;
        }

        if (pos >= data.Length)
        {
            return CborError.Truncated;
        }

        var initial = data[pos];
        if (initial == Break)
        {
            return CborError.UnexpectedBreak;
        }

        pos++;
        var major = initial >> 5;
        var ai = initial & 0x1F;
        if (major == 7)
        {
            return ReadSimple(data, ref pos, ai, out node);
        }

        var error = ReadArgument(data, ref pos, ai, out var argument, out var indefinite);
        if (error != CborError.None)
        {
            return error;
        }

        if (indefinite && major is 0 or 1 or 6)
        {
            return CborError.Malformed;
        }

        switch (major)
        {
            case 0:
                node = argument <= long.MaxValue ? JsonValue.Create((long)argument) : JsonValue.Create(argument);
                return CborError.None;
            case 1:
                node = argument <= long.MaxValue ? JsonValue.Create(-1L - (long)argument) : JsonValue.Create(-1m - argument);
                return CborError.None;
            case 2:
            case 3:
                return ReadString(data, ref pos, major, argument, indefinite, out node);
            case 4:
                return ReadArray(data, ref pos, depth, argument, indefinite, out node);
            case 5:
                return ReadMap(data, ref pos, depth, argument, indefinite, out node);
            default:
                // Major 6: a tag; RFC 8949 §3.4 lets a generic decoder ignore it and keep the tagged item.
                return ReadItem(data, ref pos, depth + 1, out node);
        }
    }

    private static CborError ReadArgument(ReadOnlySpan<byte> data, ref int pos, int ai, out ulong value, out bool indefinite)
    {
        value = 0;
        indefinite = false;
        if (ai < 24)
        {
            value = (ulong)ai;
            return CborError.None;
        }

        if (ai == 31)
        {
            indefinite = true;
            return CborError.None;
        }

        if (ai > 27)
        {
            return CborError.Malformed;
        }

        var size = 1 << (ai - 24);
        if (data.Length - pos < size)
        {
            return CborError.Truncated;
        }

        var bytes = data.Slice(pos, size);
        value = size switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64BigEndian(bytes),
        };
        pos += size;
        return CborError.None;
    }

    private static CborError ReadSimple(ReadOnlySpan<byte> data, ref int pos, int ai, out JsonNode? node)
    {
        node = null;
        switch (ai)
        {
            case 20:
                node = JsonValue.Create(false);
                return CborError.None;
            case 21:
                node = JsonValue.Create(true);
                return CborError.None;
            case 22:
            case 23:
                return CborError.None;
            case 24:
                if (pos >= data.Length)
                {
                    return CborError.Truncated;
                }

                // §3.3: a one-byte simple value below 32 is not well-formed; the rest are unassigned.
                return data[pos++] < 32 ? CborError.Malformed : CborError.UnsupportedSimpleValue;
            case 25:
            case 26:
            case 27:
                var size = 1 << (ai - 24);
                if (data.Length - pos < size)
                {
                    return CborError.Truncated;
                }

                var bytes = data.Slice(pos, size);
                double value = size switch
                {
                    2 => (double)BinaryPrimitives.ReadHalfBigEndian(bytes),
                    4 => BinaryPrimitives.ReadSingleBigEndian(bytes),
                    _ => BinaryPrimitives.ReadDoubleBigEndian(bytes),
                };
                pos += size;
                node = double.IsFinite(value)
                    ? JsonValue.Create(value)
                    : JsonValue.Create(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                return CborError.None;
            case 28:
            case 29:
            case 30:
            case 31:
                return CborError.Malformed;
            default:
                return CborError.UnsupportedSimpleValue;
        }
    }

    private static CborError ReadString(ReadOnlySpan<byte> data, ref int pos, int major, ulong length, bool indefinite, out JsonNode? node)
    {
        node = null;
        if (!indefinite)
        {
            if (length > (ulong)(data.Length - pos))
            {
                return CborError.Truncated;
            }

            var bytes = data.Slice(pos, (int)length);
            if (major == 3 && !Utf8.IsValid(bytes))
            {
                return CborError.InvalidUtf8;
            }

            pos += (int)length;
            node = JsonValue.Create(major == 3 ? Encoding.UTF8.GetString(bytes) : Convert.ToBase64String(bytes));
            return CborError.None;
        }

        // §3.2.3: definite-length chunks of the same major type, ended by a break.
        var joined = new List<byte>();
        while (true)
        {
            if (pos >= data.Length)
            {
                return CborError.Truncated;
            }

            var initial = data[pos];
            if (initial == Break)
            {
                pos++;
                break;
            }

            if (initial >> 5 != major || (initial & 0x1F) == 31)
            {
                return CborError.BadChunk;
            }

            pos++;
            var error = ReadArgument(data, ref pos, initial & 0x1F, out var chunkLength, out _);
            if (error != CborError.None)
            {
                return error;
            }

            if (chunkLength > (ulong)(data.Length - pos))
            {
                return CborError.Truncated;
            }

            var chunk = data.Slice(pos, (int)chunkLength);
            if (major == 3 && !Utf8.IsValid(chunk))
            {
                return CborError.InvalidUtf8;
            }

            joined.AddRange(chunk);
            pos += (int)chunkLength;
        }

        var all = joined.ToArray();
        node = JsonValue.Create(major == 3 ? Encoding.UTF8.GetString(all) : Convert.ToBase64String(all));
        return CborError.None;
    }

    private static CborError ReadArray(ReadOnlySpan<byte> data, ref int pos, int depth, ulong count, bool indefinite, out JsonNode? node)
    {
        node = null;

        // Every item takes at least one byte: a count larger than the rest of the input is truncated input.
        if (!indefinite && count > (ulong)(data.Length - pos))
        {
            return CborError.Truncated;
        }

        var array = new JsonArray();
        for (ulong i = 0; indefinite || i < count; i++)
        {
            if (indefinite && pos < data.Length && data[pos] == Break)
            {
                pos++;
                break;
            }

            var error = ReadItem(data, ref pos, depth + 1, out var item);
            if (error != CborError.None)
            {
                return error;
            }

            array.Add(item);
        }

        node = array;
        return CborError.None;
    }

    private static CborError ReadMap(ReadOnlySpan<byte> data, ref int pos, int depth, ulong count, bool indefinite, out JsonNode? node)
    {
        node = null;
        if (!indefinite && count > (ulong)(data.Length - pos) / 2)
        {
            return CborError.Truncated;
        }

        var map = new JsonObject();
        for (ulong i = 0; indefinite || i < count; i++)
        {
            if (indefinite && pos < data.Length && data[pos] == Break)
            {
                pos++;
                break;
            }

            var keyAt = pos;
            var error = ReadItem(data, ref pos, depth + 1, out var key);
            if (error != CborError.None)
            {
                return error;
            }

            var initial = data[keyAt];
            string name;
            if (initial >> 5 == 3 && key is not null)
            {
                name = key.GetValue<string>();
            }
            else if (initial >> 5 is 0 or 1 && key is not null)
            {
                name = key.ToJsonString();
            }
            else
            {
                pos = keyAt;
                return CborError.UnsupportedMapKey;
            }

            error = ReadItem(data, ref pos, depth + 1, out var value);
            if (error != CborError.None)
            {
                return error;
            }

            if (!map.TryAdd(name, value))
            {
                pos = keyAt;
                return CborError.DuplicateMapKey;
            }
        }

        node = map;
        return CborError.None;
    }
}
