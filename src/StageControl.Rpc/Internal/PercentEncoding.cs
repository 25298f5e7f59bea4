// grpc-message codec (grpc/grpc doc/PROTOCOL-HTTP2.md "Status-Message": UTF-8, then percent-encode every byte
// outside 0x20–0x7E and '%' itself; decoders must never fail; grpc-wire.md §1.4).
using System.Buffers;
using System.Text;

namespace StageControl.Rpc.Internal;

/// <summary>Percent-encodes and decodes <c>grpc-message</c> values.</summary>
internal static class PercentEncoding
{
    private const byte Percent = (byte)'%';

    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    /// <summary>Encodes a status message for the wire (ASCII result).</summary>
    public static string Encode(string message)
    {
        var needs = false;
        foreach (var c in message)
        {
            if (c is < ' ' or > '~' or '%')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return message;
        }

        var utf8 = Encoding.UTF8.GetBytes(message);
        var builder = new StringBuilder(utf8.Length * 3);
        foreach (var b in utf8)
        {
            if (b is < 0x20 or > 0x7E or Percent)
            {
                builder.Append('%').Append((char)HexDigits[b >> 4]).Append((char)HexDigits[b & 0xF]);
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Decodes a wire value. Malformed escapes are kept as they are; invalid UTF-8 becomes U+FFFD.
    /// </summary>
    public static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var rented = ArrayPool<byte>.Shared.Rent(value.Length);
        try
        {
            var count = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '%' && i + 2 < value.Length && TryHex(value[i + 1], out var hi) && TryHex(value[i + 2], out var lo))
                {
                    rented[count++] = (byte)((hi << 4) | lo);
                    i += 2;
                }
                else
                {
                    // Non-ASCII chars cannot arrive in a header value, but never fail: keep the low byte of c.
                    rented[count++] = c <= 0xFF ? (byte)c : (byte)'?';
                }
            }

            return Encoding.UTF8.GetString(rented, 0, count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
