// Test-only CBOR encoder (RFC 8949 preferred integer sizes, every float as a 64-bit double like the reference
// sender's cbor2): turns the shared/data JSON examples into CBOR payloads.
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StageControl.Tracking.Tests.OpenTrackIO;

internal static class CborTestWriter
{
    public static byte[] FromJson(JsonNode? node)
    {
        var output = new List<byte>();
        Write(node, output);
        return [.. output];
    }

    private static void Write(JsonNode? node, List<byte> output)
    {
        switch (node)
        {
            case null:
                output.Add(0xF6);
                break;
            case JsonObject obj:
                Head(5, (ulong)obj.Count, output);
                foreach (var (key, value) in obj)
                {
                    Text(key, output);
                    Write(value, output);
                }

                break;
            case JsonArray array:
                Head(4, (ulong)array.Count, output);
                foreach (var item in array)
                {
                    Write(item, output);
                }

                break;
            default:
                var element = node.GetValue<JsonElement>();
                switch (element.ValueKind)
                {
                    case JsonValueKind.String:
                        Text(element.GetString()!, output);
                        break;
                    case JsonValueKind.True:
                        output.Add(0xF5);
                        break;
                    case JsonValueKind.False:
                        output.Add(0xF4);
                        break;
                    case JsonValueKind.Number when element.TryGetInt64(out var l):
                        if (l >= 0)
                        {
                            Head(0, (ulong)l, output);
                        }
                        else
                        {
                            Head(1, (ulong)(-1 - l), output);
                        }

                        break;
                    default:
                        output.Add(0xFB);
                        var bytes = new byte[8];
                        BinaryPrimitives.WriteDoubleBigEndian(bytes, element.GetDouble());
                        output.AddRange(bytes);
                        break;
                }

                break;
        }
    }

    private static void Text(string text, List<byte> output)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Head(3, (ulong)bytes.Length, output);
        output.AddRange(bytes);
    }

    private static void Head(int major, ulong value, List<byte> output)
    {
        var m = (byte)(major << 5);
        if (value < 24)
        {
            output.Add((byte)(m | (byte)value));
        }
        else if (value <= byte.MaxValue)
        {
            output.Add((byte)(m | 24));
            output.Add((byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            output.Add((byte)(m | 25));
            output.Add((byte)(value >> 8));
            output.Add((byte)value);
        }
        else if (value <= uint.MaxValue)
        {
            output.Add((byte)(m | 26));
            for (var shift = 24; shift >= 0; shift -= 8)
            {
                output.Add((byte)(value >> shift));
            }
        }
        else
        {
            output.Add((byte)(m | 27));
            for (var shift = 56; shift >= 0; shift -= 8)
            {
                output.Add((byte)(value >> shift));
            }
        }
    }
}
