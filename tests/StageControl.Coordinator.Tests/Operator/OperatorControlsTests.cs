using StageControl.Coordinator.Operator;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Tests.Operator;

public sealed class OperatorControlsTests
{
    public static TheoryData<string, SetControlsRequest> Invalid => new()
    {
        { "active_camera", new SetControlsRequest { ActiveCamera = "Z-cam" } },
        { "overscan_pct", new SetControlsRequest { OverscanPct = 100.5 } },
        { "overscan_pct", new SetControlsRequest { OverscanPct = -1 } },
        { "overscan_pct", new SetControlsRequest { OverscanPct = double.NaN } },
        { "soft_edge", new SetControlsRequest { SoftEdge = 0.51 } },
        { "soft_edge", new SetControlsRequest { SoftEdge = -0.01 } },
        { "delay_offset_ms", new SetControlsRequest { DelayOffsetMs = 1000.5 } },
        { "delay_offset_ms", new SetControlsRequest { DelayOffsetMs = -1001 } },
        { "chroma_key.green", new SetControlsRequest { ChromaKey = new ChromaKey { Green = 1.5f } } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Set_OutOfRange_InvalidArgumentNamingTheFieldAndNothingApplied(string field, SetControlsRequest request)
    {
        // Arrange
        var controls = new OperatorControls(["A-cam", "B-cam"]);

        // Act
        var e = Assert.Throws<RpcException>(() => controls.Set(request, 10));

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(field + ":", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1UL, controls.Current.Version);
    }

    [Fact]
    public void Set_ValidChange_NewVersionAppliesFromTheGivenFrame()
    {
        // Arrange
        var controls = new OperatorControls(["A-cam", "B-cam"]);

        // Act
        var state = controls.Set(new SetControlsRequest { ActiveCamera = "B-cam", OverscanPct = 12.5, SoftEdge = 0.5, DelayOffsetMs = -1000 }, 42);

        // Assert
        Assert.Equal(2UL, state.Version);
        Assert.Equal(42, state.AppliesFromFrame);
        Assert.Equal("B-cam", state.ActiveCamera);
        Assert.Equal(12.5, state.OverscanPct);
        Assert.Equal("A-cam", controls.ForFrame(41).ActiveCamera);
        Assert.Equal("B-cam", controls.ForFrame(42).ActiveCamera);
    }

    [Fact]
    public void Set_OnlyOneField_KeepsTheOthers()
    {
        // Arrange
        var controls = new OperatorControls(["A-cam"]);
        controls.Set(new SetControlsRequest { OverscanPct = 10 }, 1);

        // Act
        var state = controls.Set(new SetControlsRequest { SoftEdge = 0.2 }, 2);

        // Assert
        Assert.Equal(10, state.OverscanPct);
        Assert.Equal(0.2, state.SoftEdge);
        Assert.Equal(3UL, state.Version);
    }

    [Fact]
    public void Set_WrongExpectedVersion_FailedPrecondition()
    {
        // Arrange
        var controls = new OperatorControls(["A-cam"]);
        controls.Set(new SetControlsRequest { OverscanPct = 10 }, 1);

        // Act
        var stale = Assert.Throws<RpcException>(() => controls.Set(new SetControlsRequest { OverscanPct = 20, ExpectedVersion = 1 }, 2));
        var fresh = controls.Set(new SetControlsRequest { OverscanPct = 20, ExpectedVersion = 2 }, 2);

        // Assert
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        Assert.Equal(20, fresh.OverscanPct);
    }

    [Fact]
    public void Set_Freeze_RecordsTheFrameItStartsAt()
    {
        // Arrange
        var controls = new OperatorControls(["A-cam"]);

        // Act
        var frozen = controls.Set(new SetControlsRequest { Freeze = true }, 77);
        var still = controls.Set(new SetControlsRequest { OverscanPct = 5 }, 80);
        var thawed = controls.Set(new SetControlsRequest { Freeze = false }, 90);

        // Assert
        Assert.Equal(77, frozen.FrozenAtFrame);
        Assert.Equal(77, still.FrozenAtFrame);
        Assert.False(thawed.Freeze);
    }
}
