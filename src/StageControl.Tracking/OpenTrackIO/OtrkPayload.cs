using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using StageControl.Tracking.OpenTrackIO.Cbor;

namespace StageControl.Tracking.OpenTrackIO;

/// <summary>
/// Turns an OpenTrackIO payload (JSON or CBOR, protocols.md §3.5) into a JSON object tree, for the CLI and tools
/// (allocates). Every field is optional (OpenTrackIO 1.0.1; 0.9.3 samples differ only in values, §3.7), so only the
/// shape "one object" is checked here. Never throws for bad input.
/// </summary>
public static class OtrkPayload
{
    /// <summary>Deepest JSON nesting accepted (kept well below the 64 levels System.Text.Json writes).</summary>
    public const int MaxJsonDepth = 32;

    /// <summary>
    /// Converts <paramref name="payload"/> to a JSON object. On <see cref="OtrkError.InvalidCbor"/>,
    /// <paramref name="cborError"/> and <paramref name="errorOffset"/> say what and where.
    /// </summary>
    public static OtrkError TryToJson(
        OtrkEncoding encoding,
        ReadOnlySequence<byte> payload,
        out JsonObject? json,
        out CborError cborError,
        out long errorOffset)
    {
        json = null;
        cborError = CborError.None;
        errorOffset = -1;
        var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        JsonNode? node;
        switch (encoding)
        {
            case OtrkEncoding.Json:
                try
                {
                    node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = MaxJsonDepth, AllowDuplicateProperties = false });

                    // JsonNode materialises lazily; walk it once here so no parse error can surface later.
                    _ = node?.ToJsonString();
                }
                catch (JsonException e)
                {
                    errorOffset = e.BytePositionInLine ?? -1;
                    return OtrkError.InvalidJson;
                }
                catch (InvalidOperationException)
                {
                    return OtrkError.InvalidJson;
                }
                catch (ArgumentException)
                {
                    return OtrkError.InvalidJson;
                }

                break;
            case OtrkEncoding.Cbor:
                cborError = CborJsonReader.TryRead(bytes, out node, out var offset);
                if (cborError != CborError.None)
                {
                    errorOffset = offset;
                    return OtrkError.InvalidCbor;
                }

                break;
            default:
                return OtrkError.UnsupportedEncoding;
        }

        if (node is not JsonObject obj)
        {
            return OtrkError.PayloadNotObject;
        }

        json = obj;
        return OtrkError.None;
    }
}
