using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace StageControl.Render.Tests;

/// <summary>
/// Writes small glTF 2.0 binaries for the loader tests (made here): a JSON chunk and a BIN chunk holding every buffer
/// view, each 4-byte aligned (glTF 2.0 §4.4).
/// </summary>
internal sealed class GlbWriter
{
    private readonly MemoryStream _bin = new();
    private readonly JsonArray _views = [];
    private readonly JsonArray _accessors = [];

    public JsonObject Root { get; } = new() { ["asset"] = new JsonObject { ["version"] = "2.0", ["generator"] = "StageControl tests" } };

    public int AddView(ReadOnlySpan<byte> data)
    {
        while (_bin.Length % 4 != 0)
        {
            _bin.WriteByte(0);
        }

        _views.Add(new JsonObject { ["buffer"] = 0, ["byteOffset"] = _bin.Length, ["byteLength"] = data.Length });
        _bin.Write(data);
        return _views.Count - 1;
    }

    public int AddFloats(float[] values, string type)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        var components = type == "VEC2" ? 2 : 3;
        _accessors.Add(new JsonObject { ["bufferView"] = AddView(bytes), ["componentType"] = 5126, ["count"] = values.Length / components, ["type"] = type });
        return _accessors.Count - 1;
    }

    /// <summary>Indices as u8 (5121), u16 (5123) or u32 (5125).</summary>
    public int AddIndices(uint[] values, int componentType)
    {
        var size = componentType switch { 5121 => 1, 5123 => 2, _ => 4 };
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            switch (size)
            {
                case 1:
                    bytes[i] = (byte)values[i];
                    break;
                case 2:
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)values[i]);
                    break;
                default:
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
                    break;
            }
        }

        _accessors.Add(new JsonObject { ["bufferView"] = AddView(bytes), ["componentType"] = componentType, ["count"] = values.Length, ["type"] = "SCALAR" });
        return _accessors.Count - 1;
    }

    public byte[] Build()
    {
        Root["bufferViews"] = _views;
        Root["accessors"] = _accessors;
        Root["buffers"] = new JsonArray(new JsonObject { ["byteLength"] = _bin.Length });
        var json = Encoding.UTF8.GetBytes(Root.ToJsonString());
        var jsonPadded = (json.Length + 3) & ~3;
        var binPadded = ((int)_bin.Length + 3) & ~3;
        var total = 12 + 8 + jsonPadded + 8 + binPadded;
        var glb = new byte[total];
        BinaryPrimitives.WriteUInt32LittleEndian(glb, 0x46546C67);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(8), (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(12), (uint)jsonPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(16), 0x4E4F534A);
        json.CopyTo(glb, 20);
        glb.AsSpan(20 + json.Length, jsonPadded - json.Length).Fill((byte)' ');
        var binAt = 20 + jsonPadded;
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(binAt), (uint)binPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(binAt + 4), 0x004E4942);
        _bin.ToArray().CopyTo(glb, binAt + 8);
        return glb;
    }
}
