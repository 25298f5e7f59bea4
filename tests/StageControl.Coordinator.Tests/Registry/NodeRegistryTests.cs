using StageControl.Coordinator.Frames;
using StageControl.Coordinator.Registry;
using StageControl.Core.Timing;
using FrameRate = StageControl.Core.Timing.FrameRate;
using StageControl.Protos.V1;
using StageControl.Rpc;
using StageControl.Tests.Shared;

namespace StageControl.Coordinator.Tests.Registry;

public sealed class NodeRegistryTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly NodeRegistry _registry;
    private readonly FrameBarrier _barrier;
    private readonly long _epoch;

    public NodeRegistryTests()
    {
        var config = TestStage.WithRate(TestStage.Demo(), FrameRate.Fps25);
        _epoch = CoordinatorClock.ToUnixNs(_time.GetUtcNow());
        var clock = new CoordinatorClock(_time, new FrameClock(_epoch, FrameRate.Fps25));
        _barrier = new FrameBarrier(config.Nodes.Count, 3);
        _registry = new NodeRegistry(config, _barrier, clock, TimeSpan.FromMilliseconds(30), 3);
    }

    [Fact]
    public void Join_KnownName_FirstFrameIsTheNextBoundary()
    {
        // Arrange: 1.01 s after the epoch at 25 fps is inside frame 25.
        _time.Advance(TimeSpan.FromMilliseconds(1010));

        // Act
        var assignment = _registry.Join(new Join { Name = "node-2" }, Connection(), out var entry);

        // Assert
        Assert.Equal(26, assignment.FirstFrame);
        Assert.Equal(_epoch, assignment.EpochUnixNs);
        Assert.Equal(30_000, assignment.BarrierTimeoutUs);
        Assert.Equal(new Protos.V1.FrameRate { Numerator = 25, Denominator = 1 }, assignment.Rate);
        Assert.Equal(1, entry.Index);
        Assert.Equal(NodeBarrierState.Joining, _barrier.StateOf(1));
    }

    [Fact]
    public void Join_UnknownName_NotFoundListingKnownNodes()
    {
        // Act
        var e = Assert.Throws<RpcException>(() => _registry.Join(new Join { Name = "node-9" }, Connection(), out _));

        // Assert
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Contains("node-9", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("node-1, node-2, node-3, node-4", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_NameHeldByLiveSession_AlreadyExists()
    {
        // Arrange
        _registry.Join(new Join { Name = "node-1" }, Connection(), out _);

        // Act
        var e = Assert.Throws<RpcException>(() => _registry.Join(new Join { Name = "node-1" }, Connection(), out _));

        // Assert
        Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
    }

    [Fact]
    public void Join_AfterLeave_SameAssignmentLaterFirstFrame()
    {
        // Arrange
        var connection = Connection();
        var first = _registry.Join(new Join { Name = "node-3" }, connection, out var entry);
        _barrier.BeginFrame(first.FirstFrame);
        Assert.Equal(NodeBarrierState.Live, _barrier.StateOf(entry.Index));
        _registry.Leave(entry, connection);
        Assert.Equal(NodeBarrierState.Disconnected, _barrier.StateOf(entry.Index));
        _time.Advance(TimeSpan.FromMilliseconds(200));

        // Act
        var second = _registry.Join(new Join { Name = "node-3" }, Connection(), out _);

        // Assert
        Assert.Equal(first.Panels, second.Panels);
        Assert.Equal(first.Outputs, second.Outputs);
        Assert.Equal(first.FirstFrame + 5, second.FirstFrame);
        Assert.Equal(2, entry.Sessions);
        Assert.Equal(NodeBarrierState.Joining, _barrier.StateOf(entry.Index));
    }

    [Fact]
    public void Leave_StaleConnection_Ignored()
    {
        // Arrange
        var old = Connection();
        _registry.Join(new Join { Name = "node-4" }, old, out var entry);
        _registry.Leave(entry, old);
        var current = Connection();
        _registry.Join(new Join { Name = "node-4" }, current, out _);

        // Act
        _registry.Leave(entry, old);

        // Assert
        Assert.Same(current, entry.Connection);
    }

    private static NodeConnection Connection() => new(new NodeOutbound(new NullStream(), 1), "ipv4:127.0.0.1:1");

    private sealed class NullStream : IAsyncStreamWriter<CoordinatorMessage>
    {
        public Task WriteAsync(CoordinatorMessage message) => Task.CompletedTask;
    }
}
