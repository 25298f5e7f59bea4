using System.Numerics;
using System.Text.Json.Nodes;
using StageControl.Core.Geometry;
using StageControl.Render.Output;
using StageControl.Render.Scenes;
using StageControl.Render.Scenes.Gltf;

namespace StageControl.Render.Tests;

/// <summary>The .glb loader on assets written by <see cref="GlbWriter"/> here, and on the committed sample scene.</summary>
public sealed class GlbLoaderTests
{
    // An 8 × 8 texture: red top-left quadrant, green top-right, blue bottom-left, white bottom-right (rows top first).
    private static byte[] QuadrantTexture()
    {
        var rgba = new byte[8 * 8 * 4];
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                (byte R, byte G, byte B) c = (x < 4, y < 4) switch
                {
                    (true, true) => (255, 0, 0),
                    (false, true) => (0, 255, 0),
                    (true, false) => (0, 0, 255),
                    _ => (255, 255, 255),
                };
                var i = ((y * 8) + x) * 4;
                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (c.R, c.G, c.B, 255);
            }
        }

        return rgba;
    }

    /// <summary>
    /// A 1 × 1 m quad in its XY plane facing +Z (uv (0, 0) at its top left) under a parent node translated to
    /// (0, 1, −3) and a child scaled 2× by a matrix, with an unlit textured material tinted by a base-colour factor.
    /// </summary>
    /// <param name="image">The texture file (default: <see cref="QuadrantTexture"/> as PNG).</param>
    /// <param name="mimeType">The image's declared mimeType; null leaves the property out.</param>
    private static byte[] QuadAsset(int indexType, bool unlit = true, float[]? factor = null, byte[]? image = null, string? mimeType = "image/png")
    {
        var w = new GlbWriter();
        var positions = w.AddFloats([-0.5f, -0.5f, 0, 0.5f, -0.5f, 0, 0.5f, 0.5f, 0, -0.5f, 0.5f, 0], "VEC3");
        var normals = w.AddFloats([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1], "VEC3");
        var uvs = w.AddFloats([0, 1, 1, 1, 1, 0, 0, 0], "VEC2");
        var indices = w.AddIndices([0, 1, 2, 0, 2, 3], indexType);
        var imageView = w.AddView(image ?? PngEncoder.Encode(QuadrantTexture(), 8, 8));
        var material = new JsonObject
        {
            ["pbrMetallicRoughness"] = new JsonObject
            {
                ["baseColorFactor"] = new JsonArray([.. (factor ?? [1, 1, 1, 1]).Select(f => (JsonNode)f)]),
                ["baseColorTexture"] = new JsonObject { ["index"] = 0 },
            },
        };
        if (unlit)
        {
            material["extensions"] = new JsonObject { ["KHR_materials_unlit"] = new JsonObject() };
        }

        var imageJson = new JsonObject { ["bufferView"] = imageView };
        if (mimeType is not null)
        {
            imageJson["mimeType"] = mimeType;
        }

        w.Root["images"] = new JsonArray(imageJson);
        w.Root["textures"] = new JsonArray(new JsonObject { ["source"] = 0 });
        w.Root["materials"] = new JsonArray(material);
        w.Root["meshes"] = new JsonArray(new JsonObject
        {
            ["primitives"] = new JsonArray(new JsonObject
            {
                ["attributes"] = new JsonObject { ["POSITION"] = positions, ["NORMAL"] = normals, ["TEXCOORD_0"] = uvs },
                ["indices"] = indices,
                ["material"] = 0,
            }),
        });
        w.Root["nodes"] = new JsonArray(
            new JsonObject { ["translation"] = new JsonArray(0, 1, -3), ["children"] = new JsonArray(1) },
            new JsonObject { ["mesh"] = 0, ["matrix"] = new JsonArray(2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1) });
        w.Root["scenes"] = new JsonArray(new JsonObject { ["nodes"] = new JsonArray(0) });
        w.Root["scene"] = 0;
        return w.Build();
    }

    [Theory]
    [InlineData(5121)]
    [InlineData(5123)]
    [InlineData(5125)]
    public void Load_GeneratedQuad_ReadsGeometryTransformsAndMaterial(int indexType)
    {
        // Arrange
        var glb = QuadAsset(indexType, factor: [0.5f, 1, 1, 1]);

        // Act
        var content = GlbLoader.Load(glb);

        // Assert
        var mesh = Assert.Single(content.Meshes);
        Assert.Equal(4, mesh.VertexCount);
        Assert.Equal([0u, 1, 2, 0, 2, 3], mesh.Indices);
        Assert.Equal(0.5f, mesh.Positions[3]);
        Assert.Equal(1f, mesh.Normals![2]);
        Assert.Equal(1f, mesh.TexCoords![1]);
        Assert.Equal(SceneMaterialKind.Unlit, mesh.Material.Kind);
        Assert.Equal(new Vector4(0.5f, 1, 1, 1), mesh.Material.BaseColor);
        var texture = mesh.Material.Texture!;
        Assert.Equal((8, 8), (texture.Width, texture.Height));
        Assert.Equal(QuadrantTexture(), texture.Rgba);
        var node = Assert.Single(content.Nodes);
        var corner = Vector3.Transform(new Vector3(0.5f, 0.5f, 0), node.World);
        Assert.Equal(new Vector3(1, 2, -3), corner);
    }

    [Fact]
    public void Load_TrsRotation_AppliesScaleThenRotationThenTranslation()
    {
        // Arrange: rotate 90° about +Y (quaternion x, y, z, w), scale x by 3, translate +Z by 1.
        var w = new GlbWriter();
        var positions = w.AddFloats([1, 0, 0, 0, 1, 0, 0, 0, 1], "VEC3");
        w.Root["meshes"] = new JsonArray(new JsonObject { ["primitives"] = new JsonArray(new JsonObject { ["attributes"] = new JsonObject { ["POSITION"] = positions } }) });
        var s = MathF.Sqrt(0.5f);
        w.Root["nodes"] = new JsonArray(new JsonObject
        {
            ["mesh"] = 0,
            ["scale"] = new JsonArray(3, 1, 1),
            ["rotation"] = new JsonArray(0, s, 0, s),
            ["translation"] = new JsonArray(0, 0, 1),
        });

        // Act
        var content = GlbLoader.Load(w.Build());

        // Assert: (1, 0, 0) → scale (3, 0, 0) → +90° about Y (0, 0, −3) → translate (0, 0, −2).
        var p = Vector3.Transform(new Vector3(1, 0, 0), Assert.Single(content.Nodes).World);
        Assert.Equal(0, p.X, 5);
        Assert.Equal(0, p.Y, 5);
        Assert.Equal(-2, p.Z, 5);
        Assert.Null(content.Meshes[0].Normals);
    }

    [Fact]
    public void RenderFrame_GeneratedTexturedQuad_ShowsTheTextureQuadrantsTinted()
    {
        // Arrange: the 2 × 2 m quad at z = −3 (x, y ∈ [−1, 1] + (0, 1)) seen through a panel in front of it from (0, 1, 0).
        var content = GlbLoader.Load(QuadAsset(5123, unlit: true, factor: [1, 1, 0.5f, 1]));
        var panel = TestPanels.Flat("p", new Vec3(0, 1, -1.5), 0, 1, 1, 40, 40);
        using var renderer = StageRenderer.Create([panel], new StaticScene(content), new RenderOptions { OuterEye = new Vec3(0, 1, 0) });

        // Act
        var image = renderer.RenderFrame(0, [], OperatorState.OuterOnly).Panels[0];

        // Assert: the panel sees exactly the quad (similar triangles: 1 m at 1.5 m = 2 m at 3 m). Row 0 is the bottom.
        var span = image.Pixels.Span;
        Assert.Equal((255, 0, 0), Pixels.At(span, 40, 10, 30)); // top left
        Assert.Equal((0, 255, 0), Pixels.At(span, 40, 30, 30)); // top right
        Assert.Equal((0, 0, 128), Pixels.At(span, 40, 10, 10)); // bottom left, blue × 0.5
        Assert.Equal((255, 255, 128), Pixels.At(span, 40, 30, 10)); // bottom right, white × (1, 1, 0.5)
    }

    [Fact]
    public void RenderFrame_LitGlbInDefaultScene_DrawsTheModel()
    {
        // Arrange: a lit model placed 2 m higher inside the default environment.
        var content = GlbLoader.Load(QuadAsset(5125, unlit: false), Matrix4x4.CreateTranslation(0, 0.5f, 0));
        var panel = TestPanels.Flat("p", new Vec3(0, 1.5, -1.5), 0, 1, 1, 32, 32);
        using var withModel = StageRenderer.Create([panel], new DefaultScene(extra: content), new RenderOptions { OuterEye = new Vec3(0, 1.5, 0) });
        using var without = StageRenderer.Create([panel], new DefaultScene(), new RenderOptions { OuterEye = new Vec3(0, 1.5, 0) });

        // Act
        var a = withModel.RenderFrame(3, [], OperatorState.OuterOnly).Panels[0];
        var b = without.RenderFrame(3, [], OperatorState.OuterOnly).Panels[0];

        // Assert: the centre shows the model's top-left red quadrant region lit (red dominant), not the sky.
        var (r, g, bl) = Pixels.At(a.Pixels.Span, 32, 8, 24);
        Assert.True(r > 60 && g < 20 && bl < 20, $"({r}, {g}, {bl})");
        Assert.NotEqual(b.Pixels.ToArray(), a.Pixels.ToArray());
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData(null)] // no mimeType: the first bytes tell (glTF 2.0 §3.8.3)
    public void Load_JpegTexture_DecodesThePixels(string? mimeType)
    {
        // Arrange: the quadrant texture as a 32 × 32, quality 95, 4:2:0 JPEG made by cjpeg (Vectors/jpeg/README.md).
        var jpeg = JpegVectors.Jpeg("quad32x32-420");
        var (width, height, reference) = JpegVectors.Reference("quad32x32-420");

        // Act
        var content = GlbLoader.Load(QuadAsset(5123, image: jpeg, mimeType: mimeType));

        // Assert: the texture is the decoder's output, within 2 of libjpeg-turbo's decode of the same file.
        var texture = Assert.Single(content.Meshes).Material.Texture!;
        Assert.Equal((width, height), (texture.Width, texture.Height));
        Assert.Equal(JpegDecoder.Decode(jpeg).Rgba, texture.Rgba);
        for (var i = 0; i < reference.Length; i++)
        {
            Assert.InRange(texture.Rgba[i] - reference[i], -2, 2);
        }
    }

    [Fact]
    public void RenderFrame_JpegTexturedQuad_ShowsTheTextureQuadrantsTinted()
    {
        // Arrange: RenderFrame_GeneratedTexturedQuad_ShowsTheTextureQuadrantsTinted with the quadrants as a JPEG.
        var glb = QuadAsset(5123, unlit: true, factor: [1, 1, 0.5f, 1], image: JpegVectors.Jpeg("quad32x32-420"), mimeType: "image/jpeg");
        var content = GlbLoader.Load(glb);
        var panel = TestPanels.Flat("p", new Vec3(0, 1, -1.5), 0, 1, 1, 40, 40);
        using var renderer = StageRenderer.Create([panel], new StaticScene(content), new RenderOptions { OuterEye = new Vec3(0, 1, 0) });

        // Act
        var image = renderer.RenderFrame(0, [], OperatorState.OuterOnly).Panels[0];

        // Assert: the same colours as the PNG case, within what quality-95 JPEG leaves in a flat quadrant.
        var span = image.Pixels.Span;
        AssertNear((255, 0, 0), Pixels.At(span, 40, 10, 30)); // top left
        AssertNear((0, 255, 0), Pixels.At(span, 40, 30, 30)); // top right
        AssertNear((0, 0, 128), Pixels.At(span, 40, 10, 10)); // bottom left, blue × 0.5
        AssertNear((255, 255, 128), Pixels.At(span, 40, 30, 10)); // bottom right, white × (1, 1, 0.5)
    }

    [Fact]
    public void Load_MislabelledImage_DecodedByItsSignature()
    {
        // Arrange: PNG bytes declared as image/jpeg (the spec says the data MUST match; the first bytes decide here).
        var glb = QuadAsset(5123, mimeType: "image/jpeg");

        // Act
        var texture = Assert.Single(GlbLoader.Load(glb).Meshes).Material.Texture!;

        // Assert
        Assert.Equal(QuadrantTexture(), texture.Rgba);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData(null)]
    public void Load_ImageWithoutPngOrJpegSignature_RefusedNamingTheImage(string? mimeType)
    {
        // Arrange: a GIF header where the image should be.
        var glb = QuadAsset(5123, image: "GIF89a\u0001\0\u0001\0"u8.ToArray(), mimeType: mimeType);

        // Act
        var e = Assert.Throws<InvalidDataException>(() => GlbLoader.Load(glb));

        // Assert
        Assert.Contains("$.images[0]: the image data", e.Message, StringComparison.Ordinal);
        Assert.Contains("neither the PNG nor the JPEG signature", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptJpegTexture_RefusedNamingTheImageAndOffset()
    {
        // Arrange: the JPEG cut in half.
        var jpeg = JpegVectors.Jpeg("quad32x32-420");
        var glb = QuadAsset(5123, image: jpeg[..(jpeg.Length / 2)], mimeType: "image/jpeg");

        // Act
        var e = Assert.Throws<InvalidDataException>(() => GlbLoader.Load(glb));

        // Assert
        Assert.StartsWith("GLB: $.images[0]: JPEG: ", e.Message, StringComparison.Ordinal);
        Assert.Matches(@"at byte \d+ .*\(truncated\)", e.Message);
    }

    private static void AssertNear((int R, int G, int B) expected, (int R, int G, int B) actual)
    {
        var error = Math.Max(Math.Abs(expected.R - actual.R), Math.Max(Math.Abs(expected.G - actual.G), Math.Abs(expected.B - actual.B)));
        Assert.True(error <= 4, $"expected {expected}, rendered {actual}");
    }

    [Fact]
    public void LoadFile_CommittedSampleScene_LoadsMeshesAndTexture()
    {
        // Arrange: configs/scenes/stage-props.glb, made here by configs/scenes/make-stage-props.py.
        var path = Path.Combine(AppContext.BaseDirectory, "configs", "scenes", "stage-props.glb");

        // Act
        var content = GlbLoader.LoadFile(path);

        // Assert
        Assert.True(content.Meshes.Count >= 3);
        Assert.True(content.Nodes.Length >= 5);
        Assert.Contains(content.Meshes, m => m.Material.Texture is not null);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "magic", "magic" },
        { "version", "version 1" },
        { "mode", "$.meshes[0].primitives[0].mode 1" },
        { "uri", "only images embedded" },
        { "webp", "$.images[0].mimeType 'image/webp' is not supported" },
        { "index type", "index componentType 5126" },
        { "range", "runs past" },
        { "json", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Load_Unsupported_RefusedNamingTheField(string what, string expected)
    {
        // Arrange
        var glb = QuadAsset(5123);
        var jsonLength = BitConverter.ToInt32(glb, 12);
        var root = JsonNode.Parse(System.Text.Encoding.UTF8.GetString(glb, 20, jsonLength))!;
        byte[] Rebuild(JsonNode json, Action<byte[]>? patch = null)
        {
            var text = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
            var padded = (text.Length + 3) & ~3;
            var bin = glb.AsSpan(20 + jsonLength).ToArray();
            var result = new byte[12 + 8 + padded + bin.Length];
            glb.AsSpan(0, 12).CopyTo(result);
            BitConverter.GetBytes(result.Length).CopyTo(result, 8);
            BitConverter.GetBytes(padded).CopyTo(result, 12);
            BitConverter.GetBytes(0x4E4F534A).CopyTo(result, 16);
            result.AsSpan(20, padded).Fill((byte)' ');
            text.CopyTo(result, 20);
            bin.CopyTo(result, 20 + padded);
            patch?.Invoke(result);
            return result;
        }

        var bytes = what switch
        {
            "magic" => Rebuild(root, b => b[0] = (byte)'x'),
            "version" => Rebuild(root, b => b[4] = 1),
            "mode" => Rebuild(Edit(root, r => r["meshes"]![0]!["primitives"]![0]!["mode"] = 1)),
            "uri" => Rebuild(Edit(root, r => r["images"]![0] = new JsonObject { ["uri"] = "tex.png" })),
            "webp" => Rebuild(Edit(root, r => r["images"]![0]!["mimeType"] = "image/webp")),
            "index type" => Rebuild(Edit(root, r => r["accessors"]![3]!["componentType"] = 5126)),
            "range" => Rebuild(Edit(root, r => r["accessors"]![0]!["count"] = 400)),
            _ => Rebuild(JsonValue.Create("not json")!, b => b.AsSpan(20, 10).Fill((byte)'{')),
        };

        // Act
        var e = Assert.Throws<InvalidDataException>(() => GlbLoader.Load(bytes));

        // Assert
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private static JsonNode Edit(JsonNode root, Action<JsonNode> edit)
    {
        var copy = root.DeepClone();
        edit(copy);
        return copy;
    }
}
