// Node sessions against a real coordinator on loopback Kestrel (port 0), with SimulatedNodes.
using StageControl.Coordinator.Simulation;
using StageControl.Core.Timing;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Tests.Hosting;

public sealed class NodeSessionTests
{
    [Fact]
    public async Task Join_EachDemoNode_GetsItsAssignment()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        var config = host.Config;
        var nodes = config.Nodes.Select(n => new SimulatedNode(host.GrpcUri, n.Name)).ToList();

        try
        {
            foreach (var (node, sim) in config.Nodes.Zip(nodes))
            {
                // Act
                var a = await sim.ConnectAsync().WaitAsync(TestStage.Timeout);

                // Assert
                Assert.Equal(node.Name, a.Node);
                Assert.Equal(config.Name, a.StageName);
                Assert.Equal(node.Panels, a.Panels.Select(p => p.Id));
                Assert.Equal(node.Outputs.Select(o => $"{o.ProcessorId}:{o.Output}"), a.Outputs);
                var panel = config.FindPanel(a.Panels[0].Id)!;
                Assert.Equal(panel.Quad.LowerLeft.X, a.Panels[0].Pa.X);
                Assert.Equal(panel.Quad.UpperRight.Y, a.Panels[0].Pd.Y, 12);
                Assert.Equal(panel.Quad.PixelsX, a.Panels[0].WidthPx);
                Assert.Equal(node.Name, a.Panels[0].Node);
                Assert.Equal(new Protos.V1.FrameRate { Numerator = 24000, Denominator = 1001 }, a.Rate);
                Assert.Equal(host.EpochUnixNs, a.EpochUnixNs);
                var due = new FrameClock(a.EpochUnixNs, config.FrameRate).FrameIndexAt((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100) + 1;
                Assert.InRange(a.FirstFrame, due - 2, due);
                Assert.Equal((long)(1001.0 / 24000 * 0.75 * 1e6), a.BarrierTimeoutUs, 1.0);
                Assert.Equal(3, a.MaxConsecutiveMisses);
                Assert.Equal(["A-cam"], a.Cameras);
            }
        }
        finally
        {
            foreach (var sim in nodes)
            {
                await sim.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Join_UnknownName_NotFound()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        await using var sim = new SimulatedNode(host.GrpcUri, "node-77");

        // Act
        var e = await Assert.ThrowsAsync<RpcException>(() => sim.ConnectAsync().WaitAsync(TestStage.Timeout));

        // Assert
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Contains("node-77", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("node-1", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_NameAlreadyConnected_AlreadyExists()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        await using var first = new SimulatedNode(host.GrpcUri, "node-1");
        await using var second = new SimulatedNode(host.GrpcUri, "node-1");
        await first.ConnectAsync().WaitAsync(TestStage.Timeout);

        // Act
        var e = await Assert.ThrowsAsync<RpcException>(() => second.ConnectAsync().WaitAsync(TestStage.Timeout));

        // Assert
        Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
    }

    [Fact]
    public async Task Session_FirstMessageNotJoin_InvalidArgument()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        using var call = new NodeSession.NodeSessionClient(channel.CreateCallInvoker()).Session();

        // Act
        await call.RequestStream.WriteAsync(new NodeMessage { Heartbeat = new Heartbeat { NodeMonoNs = 1 } });
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestStage.Timeout));

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("Join", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Barrier_AllNodesReady_PresentsWithEveryNodeReady()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        var sims = host.Config.Nodes.Select(n => new SimulatedNode(host.GrpcUri, n.Name)).ToList();
        try
        {
            foreach (var sim in sims)
            {
                await sim.ConnectAsync().WaitAsync(TestStage.Timeout);
            }

            // Act
            await TestStage.Until(() => sims.All(s => s.LastPresent is { Expected: 4 } p && p.Frame > s.Assignment!.FirstFrame + 2), "every node saw presents with all four expected");

            // Assert
            foreach (var sim in sims)
            {
                Assert.Equal(4, sim.LastPresent!.Ready);
                Assert.True(sim.CuesReceived > 0 && sim.ReadiesSent > 0);
            }

            var status = host.GetStatus();
            Assert.All(status.Nodes, n => Assert.Equal(NodeState.Live, n.State));
        }
        finally
        {
            foreach (var sim in sims)
            {
                await sim.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Barrier_SlowNode_PresentsAtTheDeadlineWithoutIt()
    {
        // Arrange: 20 fps, 20 ms deadline; node-2 takes 35 ms (past the deadline, within the period), K large.
        await using var host = await TestStage.StartAsync(TestStage.WithRate(TestStage.Demo(), new Core.Timing.FrameRate(20, 1)), TimeSpan.FromMilliseconds(20), maxMisses: 1000);
        await using var fast = new SimulatedNode(host.GrpcUri, "node-1");
        await using var slow = new SimulatedNode(host.GrpcUri, "node-2", new SimulatedNodeOptions { RenderTime = TimeSpan.FromMilliseconds(35) });
        await fast.ConnectAsync().WaitAsync(TestStage.Timeout);
        await slow.ConnectAsync().WaitAsync(TestStage.Timeout);

        // Act
        await TestStage.Until(() => fast.LastPresent is { Expected: 2, Ready: 1 }, "a present went out with node-2 not ready");

        // Assert
        var status = host.GetStatus();
        Assert.True(status.Sync.FramesMissed > 0);
        Assert.True(status.Nodes[1].FramesMissed > 0);
        Assert.Equal(NodeState.Live, status.Nodes[1].State);
    }

    [Fact]
    public async Task Barrier_NodeMissesKDeadlines_LagsAndTheOthersGoOn()
    {
        // Arrange: 10 fps, 80 ms deadline, K = 3 (a deadline long enough that the two healthy nodes do not miss one on a
        // loaded 2-core machine: this test is about node-3, not about scheduling latency).
        await using var host = await TestStage.StartAsync(TestStage.WithRate(TestStage.Demo(), new Core.Timing.FrameRate(10, 1)), TimeSpan.FromMilliseconds(80), maxMisses: 3);
        await using var a = new SimulatedNode(host.GrpcUri, "node-1");
        await using var b = new SimulatedNode(host.GrpcUri, "node-2");
        await using var c = new SimulatedNode(host.GrpcUri, "node-3");
        foreach (var sim in new[] { a, b, c })
        {
            await sim.ConnectAsync().WaitAsync(TestStage.Timeout);
        }

        await TestStage.Until(() => a.LastPresent is { Expected: 3, Ready: 3 }, "all three nodes were in the barrier");

        // Act
        c.Stalled = true;
        await TestStage.Until(() => host.GetStatus().Nodes[2].State == NodeState.Lagging, "node-3 became lagging");
        var atLag = host.GetStatus();
        var presentsToC = c.PresentsReceived;
        var frameAtLag = a.LastPresentFrame;
        await TestStage.Until(() => a.LastPresentFrame >= frameAtLag + 5, "five more frames");

        // Assert
        var status = host.GetStatus();
        Assert.Equal(3, status.Nodes[2].ConsecutiveMisses);
        Assert.Equal(NodeState.Lagging, status.Nodes[2].State);
        Assert.Equal(atLag.Nodes[2].FramesMissed, status.Nodes[2].FramesMissed);
        Assert.Equal(atLag.Sync.FramesMissed, status.Sync.FramesMissed);
        Assert.Equal(2, a.LastPresent!.Expected);
        Assert.Equal(2, a.LastPresent.Ready);
        Assert.True(c.PresentsReceived > presentsToC, "a lagging node still gets presents");

        // And an on-time FrameReady brings it back.
        c.Stalled = false;
        await TestStage.Until(() => host.GetStatus().Nodes[2].State == NodeState.Live, "node-3 came back");
    }

    [Fact]
    public async Task Reconnect_SameName_RejoinsAtABoundaryWithTheSameAssignment()
    {
        // Arrange
        await using var host = await TestStage.StartAsync(TestStage.WithRate(TestStage.Demo(), new Core.Timing.FrameRate(50, 1)));
        await using var other = new SimulatedNode(host.GrpcUri, "node-1");
        await using var sim = new SimulatedNode(host.GrpcUri, "node-4");
        await other.ConnectAsync().WaitAsync(TestStage.Timeout);
        var first = await sim.ConnectAsync().WaitAsync(TestStage.Timeout);
        await TestStage.Until(() => sim.LastPresent is not null, "node-4 got a present");

        // Act
        await sim.DisconnectAsync();
        await TestStage.Until(() => host.GetStatus().Nodes[3].State == NodeState.Disconnected, "node-4 was seen gone");
        var otherFrame = other.LastPresentFrame;
        var second = await sim.ReconnectAsync().WaitAsync(TestStage.Timeout);
        await TestStage.Until(() => sim.LastPresent is { } p && p.Frame >= second.FirstFrame, "node-4 got a present after rejoining");

        // Assert
        Assert.Equal(first.Panels, second.Panels);
        Assert.Equal(first.Outputs, second.Outputs);
        Assert.Equal(first.EpochUnixNs, second.EpochUnixNs);
        Assert.True(second.FirstFrame > first.FirstFrame);
        var status = host.GetStatus();
        Assert.Equal(2, status.Nodes[3].Sessions);
        Assert.Equal(NodeState.Live, status.Nodes[3].State);
        Assert.Equal(1, status.Nodes[0].Sessions);
        Assert.True(other.LastPresentFrame > otherFrame, "the other node went on");
        Assert.True(other.Connected);
    }

    [Fact]
    public async Task StopAsync_ConnectedNode_GetsShutdown()
    {
        // Arrange
        var host = await TestStage.StartAsync();
        await using var sim = new SimulatedNode(host.GrpcUri, "node-1");
        await sim.ConnectAsync().WaitAsync(TestStage.Timeout);

        // Act
        await host.DisposeAsync().AsTask().WaitAsync(TestStage.Timeout);

        // Assert
        await TestStage.Until(() => sim.ShutdownReceived is not null, "the node got Shutdown");
        Assert.Equal("coordinator stopping", sim.ShutdownReceived!.Reason);
        Assert.Equal(0, host.ShutdownsUnacknowledged);
    }

    [Fact]
    public async Task StopAsync_NodeReaderBusy_StillGetsShutdownAndEndsItsStream()
    {
        // Arrange: a node whose reader is busy (not reading) while the coordinator stops, like a node that has just gone
        // live and is still building its renderer. It ends its request stream once it reads Shutdown, as NodeRuntime does.
        var host = await TestStage.StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        using var call = new NodeSession.NodeSessionClient(channel.CreateCallInvoker()).Session();
        await call.RequestStream.WriteAsync(new NodeMessage { Join = new Join { Name = "node-1", Version = "test" } });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestStage.Timeout));
        Assert.Equal(CoordinatorMessage.KindOneofCase.Assignment, call.ResponseStream.Current.KindCase);
        await TestStage.Until(() => host.GetStatus().Nodes[0].State != NodeState.Disconnected, "node-1 joined");

        // Act: stop while the reader is busy; it reads again only after a second.
        var stopping = host.DisposeAsync().AsTask();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Shutdown? shutdown = null;
        string? ended = null;
        try
        {
            while (shutdown is null && await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestStage.Timeout))
            {
                if (call.ResponseStream.Current.KindCase == CoordinatorMessage.KindOneofCase.Shutdown)
                {
                    shutdown = call.ResponseStream.Current.Shutdown;
                    await call.RequestStream.CompleteAsync();
                }
            }
        }
        catch (Exception e) when (e is RpcException or IOException or HttpRequestException)
        {
            ended = e.GetType().Name + ": " + e.Message;
        }

        await stopping.WaitAsync(TestStage.Timeout);

        // Assert
        Assert.True(shutdown is not null, "the node read no Shutdown; its stream ended with " + (ended ?? "no error"));
        Assert.Equal("coordinator stopping", shutdown.Reason);
        Assert.Equal(0, host.ShutdownsUnacknowledged);
    }

    [Fact]
    public async Task StopAsync_NodeNeverReads_EndsItsSessionAtTheBoundAndCountsIt()
    {
        // Arrange: a node that joins and then never reads again.
        var host = await TestStage.StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        using var call = new NodeSession.NodeSessionClient(channel.CreateCallInvoker()).Session();
        await call.RequestStream.WriteAsync(new NodeMessage { Join = new Join { Name = "node-2", Version = "test" } });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestStage.Timeout));
        await TestStage.Until(() => host.GetStatus().Nodes[1].State != NodeState.Disconnected, "node-2 joined");

        // Act: the stop still completes (the wait for the node is bounded).
        await host.DisposeAsync().AsTask().WaitAsync(TestStage.Timeout);

        // Assert
        Assert.Equal(1, host.ShutdownsUnacknowledged);
    }
}
