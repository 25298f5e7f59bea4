// The pure parts of the node: proto mapping, latest-wins slot, percentiles, output paths.
using StageControl.Node.Internal;
using StageControl.Node.Output;
using StageControl.Protos.V1;

namespace StageControl.Node.Tests;

public sealed class NodeInternalsTests
{
    [Fact]
    public void ToCamera_ValidState_MapsPupilOrientationAndFields()
    {
        // Arrange
        var state = new CameraState
        {
            Name = "A-cam", Valid = true, Position = new Vec3 { X = 1, Y = 1.5, Z = -2 },
            Orientation = new Quat { W = 2, X = 0, Y = 0, Z = 0 }, HorizontalFovDeg = 54, VerticalFovDeg = 38,
        };

        // Act
        var camera = NodeProtoMapping.ToCamera(state);

        // Assert
        Assert.True(camera.Valid);
        Assert.Equal("A-cam", camera.Name);
        Assert.Equal(new Core.Geometry.Vec3(1, 1.5, -2), camera.Pupil);
        Assert.Equal(Core.Geometry.Quat.Identity, camera.Orientation);
        Assert.Equal((54.0, 38.0), (camera.HorizontalFovDegrees, camera.VerticalFovDegrees));
    }

    [Theory]
    [InlineData(double.NaN, 1, 54)]
    [InlineData(0.0, 0, 54)]
    [InlineData(0.0, 1, 0)]
    [InlineData(0.0, 1, 180)]
    public void ToCamera_BadNumbers_IsInvalidInsteadOfThrowing(double x, double w, double fov)
    {
        // Arrange
        var state = new CameraState
        {
            Name = "cam", Valid = true, Position = new Vec3 { X = x }, Orientation = new Quat { W = w },
            HorizontalFovDeg = fov, VerticalFovDeg = 30,
        };

        // Act
        var camera = NodeProtoMapping.ToCamera(state);

        // Assert
        Assert.False(camera.Valid);
    }

    [Fact]
    public void ToOperator_OutOfRangeValues_AreClamped()
    {
        // Arrange
        var op = new OperatorState
        {
            ActiveCamera = "A-cam", OverscanPct = -5, SoftEdge = 3, Freeze = true,
            ChromaKey = new ChromaKey { Enabled = true, Red = 2, Green = float.NaN, Blue = 0.5f },
        };

        // Act
        var mapped = NodeProtoMapping.ToOperator(op);

        // Assert
        Assert.Equal("A-cam", mapped.ActiveCamera);
        Assert.Equal(0, mapped.OverscanPercent);
        Assert.Equal(0.5, mapped.SoftEdge);
        Assert.True(mapped.Freeze);
        Assert.Equal(new Render.ChromaKey(true, 1, 0, 0.5f), mapped.ChromaKey);
        Assert.Null(NodeProtoMapping.ToOperator(new OperatorState()).ActiveCamera);
    }

    [Fact]
    public async Task LatestCue_ThreePostsBeforeTake_GivesNewestAndCountsTwoReplaced()
    {
        // Arrange
        using var slot = new LatestCue();

        // Act
        var replaced = new[] { slot.Post(new FrameCue { Frame = 1 }, 10), slot.Post(new FrameCue { Frame = 2 }, 20), slot.Post(new FrameCue { Frame = 3 }, 30) };
        var (cue, arrival) = await slot.TakeAsync(CancellationToken.None);
        var next = slot.TakeAsync(CancellationToken.None).AsTask();
        var waitedEmpty = !next.IsCompleted;
        slot.Post(new FrameCue { Frame = 4 }, 40);
        var (after, _) = await next.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal([false, true, true], replaced);
        Assert.Equal((3L, 30L), (cue.Frame, arrival));
        Assert.True(waitedEmpty, "TakeAsync returned without a cue");
        Assert.Equal(4, after.Frame);
    }

    [Fact]
    public void Percentile_NearestRank_MatchesDefinition()
    {
        // Arrange
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        // Act / Assert
        Assert.Equal(50, FrameStatsWindow.Percentile(sorted, 0.50));
        Assert.Equal(99, FrameStatsWindow.Percentile(sorted, 0.99));
        Assert.Equal(7, FrameStatsWindow.Percentile([7], 0.99));
        Assert.True(double.IsNaN(FrameStatsWindow.Percentile([], 0.5)));
    }

    [Fact]
    public void FrameStatsWindow_Drain_ReportsIntervalAndStartsANewOne()
    {
        // Arrange
        var window = new FrameStatsWindow();
        window.Record(10, 1, 12);
        window.Record(30, 3, 33);

        // Act
        var first = window.Drain();
        var second = window.Drain();

        // Assert
        Assert.Equal((2, 10.0, 30.0, 1.0, 12.0, 33.0), first);
        Assert.Equal(0, second.Count);
        Assert.True(double.IsNaN(second.RenderP50));
    }

    [Theory]
    [InlineData("main/c07r05", "main/c07r05.png")]
    [InlineData("../../etc/passwd", "_/_/etc/passwd.png")]
    [InlineData("a b//c", "a_b/_/c.png")]
    public void RelativePng_PanelId_StaysInsideTheOutputFolder(string id, string expected)
    {
        // Act
        var path = PanelPaths.RelativePng(id);

        // Assert
        Assert.Equal(expected.Replace('/', Path.DirectorySeparatorChar), path);
    }
}
