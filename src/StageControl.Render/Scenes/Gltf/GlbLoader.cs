// A glTF 2.0 binary (.glb) loader written here (Khronos glTF 2.0 specification, §4.4 GLB file format, §5 properties).
using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;
using StageControl.Render.Output;

namespace StageControl.Render.Scenes.Gltf;

/// <summary>
/// Loads a .glb into <see cref="SceneContent"/>: the default scene's node tree (TRS or matrix transforms), triangle
/// meshes (POSITION, NORMAL, TEXCOORD_0; indices u8/u16/u32), base-colour factor and texture (PNG or JPEG embedded in a
/// buffer view, decoded by <see cref="PngDecoder"/> or <see cref="JpegDecoder"/>), lit by Lambert shading, or unlit with
/// <c>KHR_materials_unlit</c>.
/// glTF's frame (+Y up, right-handed, metres) is stage space, so the model lands as authored unless a placement is given.
/// <code>
/// GLB = header  magic:u32 = 0x46546C67 ("glTF")  version:u32 = 2  length:u32      (all little-endian, §4.4.2)
///       chunk*  chunkLength:u32  chunkType:u32  data (padded to 4 bytes)          (§4.4.3)
///       chunk 0 JSON (0x4E4F534A), chunk 1 optional BIN (0x004E4942) = buffer 0
/// </code>
/// Unsupported input (other primitive modes, sparse or strided-odd accessors, external or data: URIs, image types other
/// than PNG and JPEG, more than one buffer) is refused with an <see cref="InvalidDataException"/> naming the JSON path.
/// </summary>
public static class GlbLoader
{
    private const uint Magic = 0x46546C67;
    private const uint ChunkJson = 0x4E4F534A;
    private const uint ChunkBin = 0x004E4942;

    /// <summary>Loads a .glb file.</summary>
    public static SceneContent LoadFile(string path, Matrix4x4? placement = null)
    {
        try
        {
            return Load(File.ReadAllBytes(path), placement);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Loads .glb bytes; <paramref name="placement"/> (model → stage) applies to every root node.</summary>
    public static SceneContent Load(ReadOnlySpan<byte> glb, Matrix4x4? placement = null)
    {
        if (glb.Length < 20 || BinaryPrimitives.ReadUInt32LittleEndian(glb) != Magic)
        {
            throw new InvalidDataException("GLB: missing the 'glTF' magic.");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(glb[4..]);
        if (version != 2)
        {
            throw new InvalidDataException(FormattableString.Invariant($"GLB: version {version} is not supported (only 2)."));
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(glb[8..]);
        if (length > glb.Length)
        {
            throw new InvalidDataException(FormattableString.Invariant($"GLB: header length {length} exceeds the {glb.Length} bytes given."));
        }

        byte[]? json = null;
        byte[] bin = [];
        var offset = 12;
        while (offset + 8 <= length)
        {
            var chunkLength = BinaryPrimitives.ReadUInt32LittleEndian(glb[offset..]);
            var chunkType = BinaryPrimitives.ReadUInt32LittleEndian(glb[(offset + 4)..]);
            if (chunkLength > length - offset - 8)
            {
                throw new InvalidDataException(FormattableString.Invariant($"GLB: chunk at byte {offset} runs past the end."));
            }

            var data = glb.Slice(offset + 8, (int)chunkLength);
            if (chunkType == ChunkJson && json is null)
            {
                json = data.ToArray();
            }
            else if (chunkType == ChunkBin && bin.Length == 0)
            {
                bin = data.ToArray();
            }

            offset += 8 + (int)((chunkLength + 3) & ~3u);
        }

        if (json is null)
        {
            throw new InvalidDataException("GLB: no JSON chunk.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"GLB: the JSON chunk is not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            try
            {
                return new Reader(document.RootElement, bin).Read(placement ?? Matrix4x4.Identity);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
            {
                // A required property is missing, an index is out of range or a value has the wrong JSON kind.
                throw new InvalidDataException($"GLB: malformed glTF JSON: {e.Message}", e);
            }
        }
    }

    private sealed class Reader(JsonElement root, byte[] bin)
    {
        private readonly List<SceneMesh> _meshes = [];
        private readonly List<SceneNode> _nodes = [];
        private readonly Dictionary<int, List<int>> _meshPrimitives = [];
        private readonly Dictionary<int, SceneImage> _images = [];

        public SceneContent Read(Matrix4x4 placement)
        {
            if (root.TryGetProperty("buffers", out var buffers) && buffers.GetArrayLength() > 1)
            {
                throw new InvalidDataException("GLB: $.buffers: only one buffer (the BIN chunk) is supported.");
            }

            if (buffers.ValueKind == JsonValueKind.Array && buffers.GetArrayLength() == 1 && buffers[0].TryGetProperty("uri", out _))
            {
                throw new InvalidDataException("GLB: $.buffers[0].uri: external or data: buffers are not supported; embed it in the BIN chunk.");
            }

            var nodes = Array("nodes");
            List<int> roots = [];
            if (root.TryGetProperty("scenes", out var scenes) && scenes.GetArrayLength() > 0)
            {
                var sceneIndex = root.TryGetProperty("scene", out var s) ? s.GetInt32() : 0;
                if (scenes[sceneIndex].TryGetProperty("nodes", out var rootNodes))
                {
                    foreach (var n in rootNodes.EnumerateArray())
                    {
                        roots.Add(n.GetInt32());
                    }
                }
            }
            else
            {
                // No scene: every node that is nobody's child is a root.
                var children = new HashSet<int>();
                foreach (var node in nodes)
                {
                    if (node.TryGetProperty("children", out var c))
                    {
                        foreach (var child in c.EnumerateArray())
                        {
                            children.Add(child.GetInt32());
                        }
                    }
                }

                for (var i = 0; i < nodes.Count; i++)
                {
                    if (!children.Contains(i))
                    {
                        roots.Add(i);
                    }
                }
            }

            foreach (var r in roots)
            {
                Visit(nodes, r, placement, 0);
            }

            if (_nodes.Count == 0)
            {
                throw new InvalidDataException("GLB: the scene has no mesh to draw.");
            }

            return new SceneContent(_meshes, [.. _nodes], new Vector3(-0.4f, -1f, -0.6f));
        }

        private List<JsonElement> Array(string name)
        {
            var list = new List<JsonElement>();
            if (root.TryGetProperty(name, out var array))
            {
                foreach (var e in array.EnumerateArray())
                {
                    list.Add(e);
                }
            }

            return list;
        }

        private void Visit(List<JsonElement> nodes, int index, Matrix4x4 parent, int depth)
        {
            if ((uint)index >= (uint)nodes.Count)
            {
                throw new InvalidDataException(FormattableString.Invariant($"GLB: node index {index} does not exist."));
            }

            if (depth > 64)
            {
                throw new InvalidDataException("GLB: $.nodes: the hierarchy is deeper than 64 (a cycle?).");
            }

            var node = nodes[index];
            var world = LocalTransform(node, index) * parent;
            if (node.TryGetProperty("mesh", out var mesh))
            {
                foreach (var m in Primitives(mesh.GetInt32()))
                {
                    _nodes.Add(SceneNode.Of(m, world));
                }
            }

            if (node.TryGetProperty("children", out var children))
            {
                foreach (var child in children.EnumerateArray())
                {
                    Visit(nodes, child.GetInt32(), world, depth + 1);
                }
            }
        }

        /// <summary>A node's local transform in System.Numerics form (row vectors): T·R·S for column vectors is S·R·T here.</summary>
        private static Matrix4x4 LocalTransform(JsonElement node, int index)
        {
            if (node.TryGetProperty("matrix", out var matrix))
            {
                var m = Floats(matrix, 16, $"$.nodes[{index}].matrix");

                // glTF stores column-major for column vectors; read in order, that is the row-vector matrix's fields.
                return new Matrix4x4(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11], m[12], m[13], m[14], m[15]);
            }

            var scale = node.TryGetProperty("scale", out var s) ? Floats(s, 3, $"$.nodes[{index}].scale") : [1, 1, 1];
            var rotation = node.TryGetProperty("rotation", out var r) ? Floats(r, 4, $"$.nodes[{index}].rotation") : [0, 0, 0, 1];
            var translation = node.TryGetProperty("translation", out var t) ? Floats(t, 3, $"$.nodes[{index}].translation") : [0, 0, 0];
            return Matrix4x4.CreateScale(scale[0], scale[1], scale[2]) *
                Matrix4x4.CreateFromQuaternion(Quaternion.Normalize(new Quaternion(rotation[0], rotation[1], rotation[2], rotation[3]))) *
                Matrix4x4.CreateTranslation(translation[0], translation[1], translation[2]);
        }

        private static float[] Floats(JsonElement array, int count, string path)
        {
            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != count)
            {
                throw new InvalidDataException(FormattableString.Invariant($"GLB: {path} must be an array of {count} numbers."));
            }

            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = array[i].GetSingle();
            }

            return values;
        }

        private List<int> Primitives(int meshIndex)
        {
            if (_meshPrimitives.TryGetValue(meshIndex, out var cached))
            {
                return cached;
            }

            var meshes = root.GetProperty("meshes");
            if ((uint)meshIndex >= (uint)meshes.GetArrayLength())
            {
                throw new InvalidDataException(FormattableString.Invariant($"GLB: mesh index {meshIndex} does not exist."));
            }

            var list = new List<int>();
            var p = 0;
            foreach (var primitive in meshes[meshIndex].GetProperty("primitives").EnumerateArray())
            {
                var path = FormattableString.Invariant($"$.meshes[{meshIndex}].primitives[{p}]");
                var mode = primitive.TryGetProperty("mode", out var m) ? m.GetInt32() : 4;
                if (mode != 4)
                {
                    throw new InvalidDataException(FormattableString.Invariant($"GLB: {path}.mode {mode} is not supported (only 4, triangles)."));
                }

                var attributes = primitive.GetProperty("attributes");
                if (!attributes.TryGetProperty("POSITION", out var position))
                {
                    throw new InvalidDataException($"GLB: {path}.attributes has no POSITION.");
                }

                var positions = ReadFloats(position.GetInt32(), "VEC3", $"{path}.attributes.POSITION");
                var normals = attributes.TryGetProperty("NORMAL", out var n) ? ReadFloats(n.GetInt32(), "VEC3", $"{path}.attributes.NORMAL") : null;
                var uvs = attributes.TryGetProperty("TEXCOORD_0", out var uv) ? ReadFloats(uv.GetInt32(), "VEC2", $"{path}.attributes.TEXCOORD_0") : null;
                var indices = primitive.TryGetProperty("indices", out var ix) ? ReadIndices(ix.GetInt32(), $"{path}.indices") : null;
                var material = primitive.TryGetProperty("material", out var mat) ? ReadMaterial(mat.GetInt32()) : SceneMaterial.Lit(1, 1, 1);
                try
                {
                    _meshes.Add(new SceneMesh(positions, normals, uvs, indices, material));
                }
                catch (ArgumentException e)
                {
                    throw new InvalidDataException($"GLB: {path}: {e.Message}", e);
                }

                list.Add(_meshes.Count - 1);
                p++;
            }

            _meshPrimitives[meshIndex] = list;
            return list;
        }

        private SceneMaterial ReadMaterial(int index)
        {
            var material = root.GetProperty("materials")[index];
            var path = FormattableString.Invariant($"$.materials[{index}]");
            var color = Vector4.One;
            SceneImage? texture = null;
            if (material.TryGetProperty("pbrMetallicRoughness", out var pbr))
            {
                if (pbr.TryGetProperty("baseColorFactor", out var factor))
                {
                    var f = Floats(factor, 4, path + ".pbrMetallicRoughness.baseColorFactor");
                    color = new Vector4(f[0], f[1], f[2], f[3]);
                }

                if (pbr.TryGetProperty("baseColorTexture", out var info))
                {
                    var textureIndex = info.GetProperty("index").GetInt32();
                    if (info.TryGetProperty("texCoord", out var set) && set.GetInt32() != 0)
                    {
                        throw new InvalidDataException($"GLB: {path}.pbrMetallicRoughness.baseColorTexture.texCoord: only TEXCOORD_0 is supported.");
                    }

                    var source = root.GetProperty("textures")[textureIndex].GetProperty("source").GetInt32();
                    texture = ReadImage(source);
                }
            }

            var unlit = material.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("KHR_materials_unlit", out _);
            return new SceneMaterial(color, unlit ? SceneMaterialKind.Unlit : SceneMaterialKind.Lit, texture);
        }

        private SceneImage ReadImage(int index)
        {
            if (_images.TryGetValue(index, out var cached))
            {
                return cached;
            }

            var image = root.GetProperty("images")[index];
            var path = FormattableString.Invariant($"$.images[{index}]");
            if (!image.TryGetProperty("bufferView", out var view))
            {
                throw new InvalidDataException($"GLB: {path}: only images embedded in a bufferView are supported (no uri).");
            }

            var mime = image.TryGetProperty("mimeType", out var m) ? m.GetString() : null;
            if (mime is not (null or "image/png" or "image/jpeg"))
            {
                throw new InvalidDataException($"GLB: {path}.mimeType '{mime}' is not supported (only image/png and image/jpeg).");
            }

            // glTF 2.0 §3.8.3 "Images": a bufferView image MUST declare its mimeType, the data MUST match it, and a client
            // that has to determine the type SHOULD look at the first bytes (PNG 89 50 4E 47 0D 0A 1A 0A, JPEG FF D8 FF).
            // The first bytes decide here, so an exporter that leaves mimeType out or mislabels the image still loads.
            var (start, length, _) = View(view.GetInt32(), path + ".bufferView");
            var data = bin.AsSpan(start, length);
            PngImage decoded;
            try
            {
                decoded = JpegDecoder.HasSignature(data) ? JpegDecoder.Decode(data)
                    : PngDecoder.HasSignature(data) ? PngDecoder.Decode(data)
                    : throw new InvalidDataException($"the image data (declared '{mime ?? "no mimeType"}') starts with neither the PNG nor the JPEG signature.");
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"GLB: {path}: {e.Message}", e);
            }

            var result = new SceneImage(decoded.Width, decoded.Height, decoded.Rgba);
            _images[index] = result;
            return result;
        }

        /// <summary>A buffer view's start, length and stride (0 = tightly packed) within the BIN chunk.</summary>
        private (int Start, int Length, int Stride) View(int index, string path)
        {
            var views = root.GetProperty("bufferViews");
            if ((uint)index >= (uint)views.GetArrayLength())
            {
                throw new InvalidDataException(FormattableString.Invariant($"GLB: {path} {index} does not exist."));
            }

            var view = views[index];
            var buffer = view.TryGetProperty("buffer", out var b) ? b.GetInt32() : 0;
            if (buffer != 0)
            {
                throw new InvalidDataException(FormattableString.Invariant($"GLB: $.bufferViews[{index}].buffer {buffer}: only buffer 0 (the BIN chunk) is supported."));
            }

            var offset = view.TryGetProperty("byteOffset", out var o) ? o.GetInt32() : 0;
            var length = view.GetProperty("byteLength").GetInt32();
            var stride = view.TryGetProperty("byteStride", out var s) ? s.GetInt32() : 0;
            if (offset < 0 || length < 0 || (long)offset + length > bin.Length)
            {
                throw new InvalidDataException(FormattableString.Invariant($"GLB: $.bufferViews[{index}] ({offset} + {length} bytes) runs past the {bin.Length}-byte BIN chunk."));
            }

            return (offset, length, stride);
        }

        private (int Start, int Stride, int Count, int ComponentType, bool Normalized, int Components) Accessor(int index, string type, string path)
        {
            var accessors = root.GetProperty("accessors");
            if ((uint)index >= (uint)accessors.GetArrayLength())
            {
                throw new InvalidDataException(FormattableString.Invariant($"GLB: {path}: accessor {index} does not exist."));
            }

            var accessor = accessors[index];
            var where = FormattableString.Invariant($"$.accessors[{index}]");
            if (accessor.TryGetProperty("sparse", out _))
            {
                throw new InvalidDataException($"GLB: {where}.sparse is not supported.");
            }

            var actualType = accessor.GetProperty("type").GetString();
            if (actualType != type)
            {
                throw new InvalidDataException($"GLB: {where}.type is {actualType}; {path} needs {type}.");
            }

            var components = type switch { "SCALAR" => 1, "VEC2" => 2, "VEC3" => 3, _ => 4 };
            var componentType = accessor.GetProperty("componentType").GetInt32();
            var size = componentType switch
            {
                5120 or 5121 => 1,
                5122 or 5123 => 2,
                5125 or 5126 => 4,
                _ => throw new InvalidDataException(FormattableString.Invariant($"GLB: {where}.componentType {componentType} is not a glTF component type.")),
            };
            var count = accessor.GetProperty("count").GetInt32();
            if (!accessor.TryGetProperty("bufferView", out var viewIndex))
            {
                throw new InvalidDataException($"GLB: {where} has no bufferView (all-zero accessors are not supported).");
            }

            var (viewStart, viewLength, stride) = View(viewIndex.GetInt32(), where + ".bufferView");
            var offset = accessor.TryGetProperty("byteOffset", out var o) ? o.GetInt32() : 0;
            var element = size * components;
            stride = stride == 0 ? element : stride;
            if (count < 0 || offset < 0 || (count > 0 && (long)offset + ((long)(count - 1) * stride) + element > viewLength))
            {
                throw new InvalidDataException(FormattableString.Invariant($"GLB: {where} ({count} × {element} bytes, stride {stride}, offset {offset}) runs past its {viewLength}-byte buffer view."));
            }

            var normalized = accessor.TryGetProperty("normalized", out var nz) && nz.GetBoolean();
            return (viewStart + offset, stride, count, componentType, normalized, components);
        }

        private float[] ReadFloats(int index, string type, string path)
        {
            var (start, stride, count, componentType, normalized, components) = Accessor(index, type, path);
            var values = new float[count * components];
            for (var i = 0; i < count; i++)
            {
                for (var c = 0; c < components; c++)
                {
                    var at = start + (i * stride);
                    values[(i * components) + c] = componentType switch
                    {
                        5126 => BinaryPrimitives.ReadSingleLittleEndian(bin.AsSpan(at + (c * 4))),
                        5121 when normalized => bin[at + c] / 255f,
                        5123 when normalized => BinaryPrimitives.ReadUInt16LittleEndian(bin.AsSpan(at + (c * 2))) / 65535f,
                        _ => throw new InvalidDataException(FormattableString.Invariant($"GLB: {path}: componentType {componentType}{(normalized ? " normalized" : string.Empty)} is not supported here (float, or normalized u8/u16).")),
                    };
                }
            }

            return values;
        }

        private uint[] ReadIndices(int index, string path)
        {
            var declared = root.GetProperty("accessors")[index].GetProperty("componentType").GetInt32();
            if (declared is not (5121 or 5123 or 5125))
            {
                throw new InvalidDataException(FormattableString.Invariant($"GLB: {path}: index componentType {declared} is not supported (5121 u8, 5123 u16, 5125 u32)."));
            }

            var (start, stride, count, componentType, _, _) = Accessor(index, "SCALAR", path);
            var values = new uint[count];
            for (var i = 0; i < count; i++)
            {
                var at = start + (i * stride);
                values[i] = componentType switch
                {
                    5121 => bin[at],
                    5123 => BinaryPrimitives.ReadUInt16LittleEndian(bin.AsSpan(at)),
                    5125 => BinaryPrimitives.ReadUInt32LittleEndian(bin.AsSpan(at)),
                    _ => throw new InvalidDataException(FormattableString.Invariant($"GLB: {path}: index componentType {componentType} is not supported (5121 u8, 5123 u16, 5125 u32).")),
                };
            }

            return values;
        }
    }
}
