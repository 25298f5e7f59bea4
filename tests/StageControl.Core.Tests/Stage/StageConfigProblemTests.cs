using System.Text.Json.Nodes;
using StageControl.Core.Stage;

namespace StageControl.Core.Tests.Stage;

/// <summary>One test per <see cref="ConfigProblemKind"/>: each breaks one thing in <see cref="TestStage.Valid"/> and
/// expects exactly one problem of that kind at that JSON path (no follow-on noise).</summary>
public sealed class StageConfigProblemTests
{
    private static ConfigProblem Single(string json)
    {
        var result = StageConfigLoader.Parse(json);
        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        return Assert.Single(result.Problems);
    }

    private static void AssertSingle(string json, ConfigProblemKind kind, string path)
    {
        var problem = Single(json);
        Assert.Equal((kind, path), (problem.Kind, problem.Path));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public void Parse_ValidConfig_HasNoProblems()
    {
        // Arrange / Act
        var stage = TestStage.LoadValid();

        // Assert: 8 + 8 + 2 panels.
        Assert.Equal(18, stage.PanelCount);
        Assert.Equal(18 * 10_000L, stage.PixelCount);
        Assert.Equal(3, stage.Walls.Count);
    }

    [Fact]
    public void Parse_MalformedJson_ReportsLineAndColumn()
    {
        // Arrange: the parser stops at the '}' on line 3, column 1.
        const string Json = "{\n  \"name\": \n}";

        // Act
        var problem = Single(Json);

        // Assert
        Assert.Equal(ConfigProblemKind.MalformedJson, problem.Kind);
        Assert.Equal("$", problem.Path);
        Assert.Equal((3, 1), (problem.Line, problem.Column));
        Assert.StartsWith("f.json:3:1: malformed JSON", problem.Format("f.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingFile_ReportsFileNotReadable()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json");

        // Act
        var result = StageConfigLoader.LoadFile(path);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ConfigProblemKind.FileNotReadable, problem.Kind);
        Assert.Equal($"{path}: no such file", problem.Format(path));
    }

    [Fact]
    public void Parse_MissingRows_ReportsMissingField() =>
        AssertSingle(TestStage.With(r => r.Obj("walls.0").Remove("rows")), ConfigProblemKind.MissingField, "$.walls[0].rows");

    [Fact]
    public void Parse_MissingNodeName_ReportsMissingField() =>
        AssertSingle(TestStage.With(r => r.Obj("nodes.1").Remove("name")), ConfigProblemKind.MissingField, "$.nodes[1].name");

    [Fact]
    public void Parse_PixelsAsString_ReportsWrongType() =>
        AssertSingle(TestStage.With(r => r.Obj("panelTypes.0")["pixelsX"] = "100"), ConfigProblemKind.WrongType, "$.panelTypes[0].pixelsX");

    [Fact]
    public void Parse_UnknownWallKind_ReportsInvalidValue() =>
        AssertSingle(TestStage.With(r => r.Obj("walls.0")["kind"] = "round"), ConfigProblemKind.InvalidValue, "$.walls[0].kind");

    [Fact]
    public void Parse_PitchDisagreesWithSize_ReportsInvalidValue() =>
        AssertSingle(TestStage.With(r => r.Obj("panelTypes.0")["pitchMm"] = 4), ConfigProblemKind.InvalidValue, "$.panelTypes[0].pitchMm");

    [Fact]
    public void Parse_ArcNotWholeColumns_ReportsInvalidValueWithSuggestion()
    {
        // Arrange: 30°..52° is 4.4 columns of 5°.
        var json = TestStage.With(r => r.Obj("walls.1")["endDeg"] = 52);

        // Act
        var problem = Single(json);

        // Assert
        Assert.Equal((ConfigProblemKind.InvalidValue, "$.walls[1].endDeg"), (problem.Kind, problem.Path));
        Assert.Contains("set endDeg to 50", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspeltField_ReportsUnknownFieldWithHint()
    {
        // Arrange
        var json = TestStage.With(r => r.Obj("walls.0")["colums"] = 4);

        // Act
        var problem = Single(json);

        // Assert
        Assert.Equal((ConfigProblemKind.UnknownField, "$.walls[0].colums"), (problem.Kind, problem.Path));
        Assert.Contains("did you mean 'columns'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicatePanelTypeId_ReportsDuplicateId() =>
        AssertSingle(
            TestStage.With(r => r["panelTypes"]!.AsArray().Add(r.Obj("panelTypes.0").DeepClone())),
            ConfigProblemKind.DuplicateId, "$.panelTypes[1].id");

    [Fact]
    public void Parse_DuplicateCameraName_ReportsDuplicateId() =>
        AssertSingle(
            TestStage.With(r => r["cameras"]!.AsArray().Add(r.Obj("cameras.0").DeepClone())),
            ConfigProblemKind.DuplicateId, "$.cameras[1].name");

    [Fact]
    public void Parse_DuplicateProcessorId_ReportsDuplicateId() =>
        AssertSingle(
            TestStage.With(r => r["processors"]!.AsArray().Add(r.Obj("processors.0").DeepClone())),
            ConfigProblemKind.DuplicateId, "$.processors[1].id");

    [Fact]
    public void Parse_UnknownPanelType_ReportsUnknownPanelType() =>
        AssertSingle(TestStage.With(r => r.Obj("walls.2")["panelType"] = "p600"), ConfigProblemKind.UnknownPanelType, "$.walls[2].panelType");

    [Fact]
    public void Parse_SectionWiderThanItsColumns_ReportsNotRectangular() =>
        AssertSingle(TestStage.With(r => r.Obj("walls.0.lowerRight")["x"] = 1.1), ConfigProblemKind.NotRectangular, "$.walls[0].lowerRight");

    [Fact]
    public void Parse_SkewedSection_ReportsNotRectangular() =>
        AssertSingle(TestStage.With(r => r.Obj("walls.0.upperLeft")["x"] = -0.9), ConfigProblemKind.NotRectangular, "$.walls[0].upperLeft");

    [Fact]
    public void Parse_UpperRightDisagrees_ReportsNotRectangular() =>
        AssertSingle(
            TestStage.With(r => r.Obj("walls.0")["upperRight"] = new JsonObject { ["x"] = 1, ["y"] = 1, ["z"] = -2.9 }),
            ConfigProblemKind.NotRectangular, "$.walls[0].upperRight");

    [Fact]
    public void Parse_CoplanarOverlap_ReportsOverlappingPanels()
    {
        // Arrange: a second 2 × 1 section in the plane of "back", shifted 0.25 m into it.
        var json = TestStage.With(r =>
        {
            r["walls"]!.AsArray().Add(JsonNode.Parse("""
                { "id": "patch", "kind": "flat", "panelType": "p500", "columns": 2, "rows": 1,
                  "lowerLeft": { "x": 0.75, "y": 0, "z": -3 }, "lowerRight": { "x": 1.75, "y": 0, "z": -3 }, "upperLeft": { "x": 0.75, "y": 0.5, "z": -3 } }
                """));
            r.Obj("nodes.1")["panels"]!.AsArray().Add(new JsonObject { ["wall"] = "patch" });
        });

        // Act
        var problem = Single(json);

        // Assert: patch/c01r01 (x 0.75..1.25) overlaps back/c04r01 (x 0.5..1).
        Assert.Equal((ConfigProblemKind.OverlappingPanels, "$.walls[3]"), (problem.Kind, problem.Path));
        Assert.Contains("back/c04r01 × patch/c01r01", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IntersectingWalls_ReportsOverlappingPanels()
    {
        // Arrange: a fin in the plane x = 0.25 that runs through "back" (z = −3) from z = −3.4 to −2.4.
        var json = TestStage.With(r =>
        {
            r["walls"]!.AsArray().Add(JsonNode.Parse("""
                { "id": "fin", "kind": "flat", "panelType": "p500", "columns": 2, "rows": 1,
                  "lowerLeft": { "x": 0.25, "y": 0.25, "z": -3.4 }, "lowerRight": { "x": 0.25, "y": 0.25, "z": -2.4 }, "upperLeft": { "x": 0.25, "y": 0.75, "z": -3.4 } }
                """));
            r.Obj("nodes.1")["panels"]!.AsArray().Add(new JsonObject { ["wall"] = "fin" });
        });

        // Act / Assert
        AssertSingle(json, ConfigProblemKind.OverlappingPanels, "$.walls[3]");
    }

    [Fact]
    public void Parse_SideWallTouchingAtAnEdge_IsValid()
    {
        // Arrange: a side wall whose edge stands on back's right edge (x = 1), facing −X: touching is not overlapping.
        var json = TestStage.With(r =>
        {
            r["walls"]!.AsArray().Add(JsonNode.Parse("""
                { "id": "side", "kind": "flat", "panelType": "p500", "columns": 2, "rows": 2,
                  "lowerLeft": { "x": 1, "y": 0, "z": -3 }, "lowerRight": { "x": 1, "y": 0, "z": -2 }, "upperLeft": { "x": 1, "y": 1, "z": -3 } }
                """));
            r.Obj("nodes.1")["panels"]!.AsArray().Add(new JsonObject { ["wall"] = "side" });
        });

        // Act
        var stage = TestStage.LoadValid(json);

        // Assert
        Assert.Equal(22, stage.PanelCount);
    }

    [Fact]
    public void Parse_CeilingThroughWallAtARowSeam_ReportsOverlappingPanels()
    {
        // Arrange: a ceiling at y = 0.5, exactly the seam between back's rows 1 and 2, reaching through it.
        var json = TestStage.With(r =>
        {
            r.Obj("walls.2")["heightM"] = 0.5;
            r.Obj("walls.2")["center"] = new JsonObject { ["x"] = 0, ["z"] = -3 };
        });

        // Act / Assert
        AssertSingle(json, ConfigProblemKind.OverlappingPanels, "$.walls[2]");
    }

    [Fact]
    public void Parse_NodeDrivesMissingPanel_ReportsUnknownPanel() =>
        AssertSingle(
            TestStage.With(r => r.Obj("nodes.1")["panels"]!.AsArray().Add("back/c09r01")),
            ConfigProblemKind.UnknownPanel, "$.nodes[1].panels[2]");

    [Fact]
    public void Parse_RangeOutsideWall_ReportsUnknownPanel() =>
        AssertSingle(
            TestStage.With(r => r.Obj("nodes.1")["panels"]!.AsArray().Add(new JsonObject { ["wall"] = "back", ["columns"] = "4-5" })),
            ConfigProblemKind.UnknownPanel, "$.nodes[1].panels[2].columns");

    [Fact]
    public void Parse_PanelNoNodeDrives_ReportsUndrivenPanel()
    {
        // Arrange: n2 stops driving the ceiling.
        var json = TestStage.With(r => r.Obj("nodes.1")["panels"]!.AsArray().RemoveAt(1));

        // Act
        var problem = Single(json);

        // Assert
        Assert.Equal((ConfigProblemKind.UndrivenPanel, "$.walls[2]"), (problem.Kind, problem.Path));
        Assert.Contains("ceiling/c01r01, ceiling/c02r01", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PanelDrivenTwice_ReportsPanelDrivenTwice()
    {
        // Arrange
        var json = TestStage.With(r => r.Obj("nodes.1")["panels"]!.AsArray().Add("back/c01r02"));

        // Act
        var problem = Single(json);

        // Assert
        Assert.Equal((ConfigProblemKind.PanelDrivenTwice, "$.nodes[1].panels[2]"), (problem.Kind, problem.Path));
        Assert.Contains("node 'n1' at $.nodes[0].outputs[0].panels[0]", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OutputToMissingProcessor_ReportsUnknownProcessor() =>
        AssertSingle(
            TestStage.With(r => r.Obj("nodes.0.outputs.0")["processor"] = "nope"),
            ConfigProblemKind.UnknownProcessor, "$.nodes[0].outputs[0].processor");

    [Fact]
    public void Parse_MissingOutputNumber_ReportsUnknownOutput() =>
        AssertSingle(TestStage.With(r => r.Obj("nodes.0.outputs.1")["output"] = 3), ConfigProblemKind.UnknownOutput, "$.nodes[0].outputs[1].output");

    [Fact]
    public void Parse_OutputOverCapacity_ReportsOutputOverCapacity()
    {
        // Arrange: all 8 panels of "back" (80,000 px) on output 1 (50,000 px).
        var json = TestStage.With(r => r.Obj("nodes.0.outputs.1")["output"] = 1);

        // Act
        var problem = Single(json);

        // Assert
        Assert.Equal((ConfigProblemKind.OutputOverCapacity, "$.nodes[0].outputs[0]"), (problem.Kind, problem.Path));
        Assert.Contains("80,000 px", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ProcessorOverCapacity_ReportsProcessorOverCapacity() =>
        AssertSingle(TestStage.With(r => r.Obj("processors.0")["maxPixels"] = 70_000), ConfigProblemKind.ProcessorOverCapacity, "$.processors[0]");

    [Theory]
    [InlineData("25/0")]
    [InlineData("fast")]
    [InlineData("2000/1")]
    public void Parse_BadFrameRate_ReportsBadFrameRate(string rate) =>
        AssertSingle(TestStage.With(r => r["frameRate"] = rate), ConfigProblemKind.BadFrameRate, "$.frameRate");

    [Fact]
    public void Parse_FrameRateAsNumber_ReportsBadFrameRate() =>
        AssertSingle(TestStage.With(r => r["frameRate"] = 25), ConfigProblemKind.BadFrameRate, "$.frameRate");

    [Theory]
    [InlineData("sensor", "widthMm", -36)]
    [InlineData("sensor", "heightMm", 2400)]
    [InlineData("lens", "focalLengthMm", 0)]
    [InlineData("lens", "entrancePupilOffsetM", 12)]
    public void Parse_UnphysicalCameraValue_ReportsBadCamera(string part, string field, double value) =>
        AssertSingle(TestStage.With(r =>
        {
            var camera = r.Obj("cameras.0");
            if (camera[part] is null)
            {
                camera[part] = new JsonObject();
            }

            camera[part]![field] = value;
        }), ConfigProblemKind.BadCamera, $"$.cameras[0].{part}.{field}");

    [Fact]
    public void Parse_CeilingFacingUp_ReportsInvalidValue()
    {
        // Arrange: right = +X, up = −Z gives vr × vu = +Y: a ceiling facing the roof.
        var json = TestStage.With(r => r["walls"]![2] = JsonNode.Parse("""
            { "id": "ceiling", "kind": "ceiling", "panelType": "p500", "columns": 2, "rows": 1,
              "lowerLeft": { "x": -0.5, "y": 3, "z": -1.25 }, "lowerRight": { "x": 0.5, "y": 3, "z": -1.25 }, "upperLeft": { "x": -0.5, "y": 3, "z": -1.75 } }
            """));

        // Act / Assert
        AssertSingle(json, ConfigProblemKind.InvalidValue, "$.walls[2]");
    }

    [Fact]
    public void Parse_CeilingByCornersFacingDown_IsValid()
    {
        // Arrange: right = +X, up = +Z (downstage) gives −Y.
        var json = TestStage.With(r => r["walls"]![2] = JsonNode.Parse("""
            { "id": "ceiling", "kind": "ceiling", "panelType": "p500", "columns": 2, "rows": 1,
              "lowerLeft": { "x": -0.5, "y": 3, "z": -1.75 }, "lowerRight": { "x": 0.5, "y": 3, "z": -1.75 }, "upperLeft": { "x": -0.5, "y": 3, "z": -1.25 } }
            """));

        // Act
        var stage = TestStage.LoadValid(json);

        // Assert
        Assert.Equal(-1.0, stage.Walls[2].Panels[0].Quad.Normal.Y, 12);
    }

    [Fact]
    public void Parse_UnknownFreeDVendor_ReportsInvalidValue() =>
        AssertSingle(TestStage.With(r => r.Obj("cameras.0.tracking")["vendor"] = "acme"), ConfigProblemKind.InvalidValue, "$.cameras[0].tracking.vendor");

    [Fact]
    public void Parse_NotAnObject_ReportsWrongType() =>
        AssertSingle("[1, 2]", ConfigProblemKind.WrongType, "$");

    [Fact]
    public void Parse_EveryKind_HasATestAbove()
    {
        // Arrange: the kinds this file exercises, by name (a new kind without a test fails here).
        var tested = new HashSet<ConfigProblemKind>
        {
            ConfigProblemKind.MalformedJson, ConfigProblemKind.FileNotReadable, ConfigProblemKind.MissingField, ConfigProblemKind.WrongType,
            ConfigProblemKind.InvalidValue, ConfigProblemKind.UnknownField, ConfigProblemKind.DuplicateId, ConfigProblemKind.UnknownPanelType,
            ConfigProblemKind.NotRectangular, ConfigProblemKind.OverlappingPanels, ConfigProblemKind.UnknownPanel, ConfigProblemKind.UndrivenPanel,
            ConfigProblemKind.PanelDrivenTwice, ConfigProblemKind.UnknownProcessor, ConfigProblemKind.UnknownOutput,
            ConfigProblemKind.OutputOverCapacity, ConfigProblemKind.ProcessorOverCapacity, ConfigProblemKind.BadFrameRate, ConfigProblemKind.BadCamera,
        };

        // Act / Assert
        Assert.Equal(Enum.GetValues<ConfigProblemKind>().ToHashSet(), tested);
    }
}
