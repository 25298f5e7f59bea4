// Metadata ↔ HTTP header values (grpc-wire.md §1.1): "-bin" values are base64, emitted unpadded and accepted padded
// or unpadded; reserved names (pseudo headers, grpc-*, content-type, te, …) are never user metadata.
namespace StageControl.Rpc.Internal;

/// <summary>Converts metadata entries to header values and back.</summary>
internal static class MetadataCodec
{
    /// <summary>The wire value of an entry.</summary>
    public static string ToHeaderValue(Metadata.Entry entry)
        => entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>Adds one received header to <paramref name="metadata"/> unless it is reserved or undecodable.</summary>
    public static void AddFromHeader(Metadata metadata, string name, string value)
    {
        if (GrpcProtocolConstants.IsReservedHeader(name))
        {
            return;
        }

        var key = name.ToLowerInvariant();
        if (Metadata.Entry.IsBinaryKey(key))
        {
            if (TryDecodeBase64(value, out var bytes))
            {
                metadata.Add(key, bytes);
            }

            return;
        }

        // Keys or values outside the metadata alphabet (a proxy's header, say) are skipped rather than failing the call.
        try
        {
            metadata.Add(key, value);
        }
        catch (ArgumentException)
        {
        }
    }

    /// <summary>Decodes base64 with or without padding.</summary>
    public static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        var trimmed = value.Trim();
        var padded = (trimmed.Length % 4) switch
        {
            2 => trimmed + "==",
            3 => trimmed + "=",
            _ => trimmed,
        };
        bytes = new byte[padded.Length / 4 * 3 + 3];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
