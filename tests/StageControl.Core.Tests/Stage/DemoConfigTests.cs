using System.Text.Json.Nodes;
using StageControl.Core.Stage;

namespace StageControl.Core.Tests.Stage;

/// <summary>configs/demo-volume.json (linked into the test output): it validates, its totals add up, and a copy
/// broken in several places lists every problem at once.</summary>
public sealed class DemoConfigTests
{
    private const long Bp2 = 176 * 176;  // ROE BP2V2, hardware/panels/roe-black-pearl-bp2v2.json
    private const long Cb5 = 104 * 208;  // ROE CB5 MKII, hardware/panels/roe-carbon-cb5-mkii.json

    [Fact]
    public void LoadFile_DemoVolume_IsValid()
    {
        // Act
        var result = StageConfigLoader.LoadFile(TestStage.DemoPath);

        // Assert
        Assert.True(result.IsValid, string.Join("\n", result.Problems.Select(p => p.Format("demo"))));
        var stage = result.Config!;
        Assert.Equal("Demo Volume", stage.Name);
        Assert.Equal(new Core.Timing.FrameRate(24000, 1001), stage.FrameRate);
        Assert.Equal(4, stage.Nodes.Count);
        Assert.Single(stage.Cameras);
        Assert.Equal(TrackingProtocol.FreeD, stage.Cameras[0].Tracking.Protocol);
    }

    [Fact]
    public void LoadFile_DemoVolume_IsAFivePerColumnArcOf140Degrees()
    {
        // Act
        var main = StageConfigLoader.LoadFile(TestStage.DemoPath).Config!.Walls[0];

        // Assert: 28 columns × 10 rows, about 6 m radius, 140°, 5 m tall.
        Assert.Equal((WallKind.Curved, 28, 10), (main.Kind, main.Columns, main.Rows));
        Assert.Equal(5.0, main.Arc!.ColumnAngleDeg, 3);
        Assert.Equal(140.0, main.Arc.EndDeg - main.Arc.StartDeg, 1);
        Assert.Equal(5.0, main.Panels.Max(p => p.Quad.UpperLeft.Y), 9);
        Assert.Equal("main/c03r02", main.PanelAt(3, 2).Id);
    }

    [Fact]
    public void PixelTotals_DemoVolume_AddUpPerNodeAndProcessor()
    {
        // Arrange
        var stage = StageConfigLoader.LoadFile(TestStage.DemoPath).Config!;

        // Act
        var nodes = PixelTotals.PerNode(stage);
        var processors = PixelTotals.PerProcessor(stage);

        // Assert: nodes 1–3 drive 7 columns × 10 rows of BP2V2; node 4 also the 6 × 4 CB5 ceiling.
        Assert.Equal(
            [new NodeLoad("node-1", 70, 70 * Bp2), new NodeLoad("node-2", 70, 70 * Bp2), new NodeLoad("node-3", 70, 70 * Bp2),
             new NodeLoad("node-4", 94, (70 * Bp2) + (24 * Cb5))],
            nodes);
        Assert.Equal(stage.PixelCount, nodes.Sum(n => n.Pixels));
        Assert.Equal(stage.PixelCount, processors.Sum(p => p.Pixels));
        var sx40 = processors.Single(p => p.Id == "sx40-1");
        Assert.Equal((5, 70, 70 * Bp2), (sx40.OutputsUsed, sx40.Panels, sx40.Pixels));
        Assert.All(sx40.Outputs.Take(5), o => Assert.Equal((14, 14 * Bp2), (o.Panels, o.Pixels)));
        var helios = processors.Single(p => p.Id == "helios-1");
        Assert.Equal([12 * Cb5, 12 * Cb5], helios.Outputs.Where(o => o.Panels > 0).Select(o => o.Pixels));
        Assert.All(processors.SelectMany(p => p.Outputs), o => Assert.True(o.Pixels <= o.Capacity));
        Assert.Equal("node-4", stage.NodeForPanel("ceiling/c06r04"));
        Assert.Equal(94, stage.PanelsOf("node-4").Count);
    }

    [Fact]
    public void Parse_DemoBrokenInSixPlaces_ListsEveryProblem()
    {
        // Arrange
        var json = TestStage.With(
            r =>
            {
                r["frameRate"] = "30000/0";
                r.Obj("panelTypes.0")["colour"] = "black";
                r.Obj("walls.1")["panelType"] = "cb6";
                r.Obj("nodes.0.outputs.2")["processor"] = "sx40-9";
                r.Obj("nodes.1.outputs.0")["output"] = 41;
                r.Obj("cameras.0.lens")["focalLengthMm"] = -35;
            },
            File.ReadAllText(TestStage.DemoPath));

        // Act
        var result = StageConfigLoader.Parse(json);

        // Assert
        Assert.Null(result.Config);
        Assert.Equal(
            new HashSet<(ConfigProblemKind, string)>
            {
                (ConfigProblemKind.BadFrameRate, "$.frameRate"),
                (ConfigProblemKind.UnknownField, "$.panelTypes[0].colour"),
                (ConfigProblemKind.UnknownPanelType, "$.walls[1].panelType"),
                (ConfigProblemKind.UnknownProcessor, "$.nodes[0].outputs[2].processor"),
                (ConfigProblemKind.UnknownOutput, "$.nodes[1].outputs[0].output"),
                (ConfigProblemKind.BadCamera, "$.cameras[0].lens.focalLengthMm"),
            },
            result.Problems.Select(p => (p.Kind, p.Path)).ToHashSet());
        Assert.Equal(6, result.Problems.Count);
    }

    [Fact]
    public void Parse_DemoWithCeilingLoweredIntoTheWall_ReportsOverlap()
    {
        // Arrange: a 12-column (7.2 m) ceiling at 2 m cuts through the curved wall on both sides.
        var json = TestStage.With(
            r =>
            {
                r.Obj("walls.1")["heightM"] = 2.0;
                r.Obj("walls.1")["columns"] = 12;
                r.Obj("walls.1")["center"] = new JsonObject { ["x"] = 0, ["z"] = -3 };
                r.Obj("nodes.3.outputs.5.panels.0")["columns"] = "1-12";
                r.Obj("nodes.3.outputs.6.panels.0")["columns"] = "1-12";
                r["processors"]![4]!["pixelsPerOutput"] = 600_000;
            },
            File.ReadAllText(TestStage.DemoPath));

        // Act
        var problems = StageConfigLoader.Parse(json).Problems;

        // Assert
        var problem = Assert.Single(problems);
        Assert.Equal((ConfigProblemKind.OverlappingPanels, "$.walls[1]"), (problem.Kind, problem.Path));
        Assert.Contains("wall 'ceiling' overlaps wall 'main'", problem.Message, StringComparison.Ordinal);
    }
}
