// NodeRuntime against an in-process coordinator on loopback (tiny stage, llvmpipe).
using StageControl.Coordinator;
using StageControl.Render.Output;
using StageControl.Rpc;

namespace StageControl.Node.Tests;

public sealed class NodeRuntimeTests
{
    [Fact]
    public async Task RunAsync_TwoNodes_JoinRenderPresentAndWritePngsPerPanel()
    {
        // Arrange
        await using var host = await TestNodes.StartCoordinatorAsync();
        var dir = TestNodes.TempDirectory();
        var raw = Path.Combine(dir, "node-a.raw");
        await using var a = new NodeRuntime(TestNodes.Options(host.GrpcUri, "node-a") with
        {
            OutputDirectory = dir, PngInterval = TimeSpan.FromMilliseconds(200), SnapshotEvery = 5, RawPath = raw,
        });
        await using var b = new NodeRuntime(TestNodes.Options(host.GrpcUri, "node-b") with { OutputDirectory = dir });
        using var stop = new CancellationTokenSource();
        var runA = a.RunAsync(stop.Token);
        var runB = b.RunAsync(stop.Token);

        // Act
        await TestNodes.Until(() => a.Totals.FramesPresented >= 10 && b.Totals.FramesPresented >= 10, "both nodes had 10 frames presented");
        string[] pngs = ["node-a/back/c01r01.png", "node-a/back/c02r01.png", "node-b/back/c03r01.png", "node-b/back/c04r01.png"];
        await TestNodes.Until(() => pngs.All(p => File.Exists(Path.Combine(dir, p))), "every panel had its PNG");
        await TestNodes.Until(() => Directory.Exists(Path.Combine(dir, "frames")) && Directory.GetFiles(Path.Combine(dir, "frames"), "*.png", SearchOption.AllDirectories).Length > 0, "a snapshot was written");
        var status = host.GetStatus();
        await stop.CancelAsync();
        var reasons = await Task.WhenAll(runA, runB).WaitAsync(TestNodes.Timeout);
        await a.DisposeAsync();

        // Assert
        Assert.All(reasons, r => Assert.Equal(NodeExitReason.Cancelled, r));
        Assert.Equal(2, a.Assignment!.Panels.Count);
        Assert.Equal("node-a", a.Assignment.Node);
        Assert.All(status.Nodes, n => Assert.True(n.FramesReady > 0, $"{n.Name} sent no FrameReady"));
        Assert.All(status.Nodes, n => Assert.StartsWith("llvmpipe", n.Renderer, StringComparison.Ordinal));
        Assert.True(status.Sync.FramesPresented > 0);
        foreach (var png in pngs)
        {
            var image = PngDecoder.Decode(File.ReadAllBytes(Path.Combine(dir, png)));
            Assert.Equal((48, 48), (image.Width, image.Height));
            Assert.True(File.Exists(Path.Combine(dir, Path.GetDirectoryName(png)![..6], "preview", png[7..])), $"no preview of {png}");
        }

        foreach (var snapshot in Directory.GetDirectories(Path.Combine(dir, "frames")))
        {
            Assert.Equal(0, long.Parse(Path.GetFileName(snapshot), System.Globalization.CultureInfo.InvariantCulture) % 5);
        }

        var bytes = File.ReadAllBytes(raw);
        Assert.Equal("SCRAWRGB"u8.ToArray(), bytes[..8]);
        var frameBytes = RawFrameWriter.FramePrefixLength + (48 * 48 * 4);
        Assert.Equal(0, (bytes.Length - RawFrameWriter.HeaderLength) % frameBytes);
        Assert.True((bytes.Length - RawFrameWriter.HeaderLength) / frameBytes >= 2, "the raw stream holds fewer than one frame of both panels");
    }

    [Fact]
    public async Task RunAsync_SlowRenderer_RendersNewestCueAndCountsSkipped()
    {
        // Arrange: cues every 100 ms, each render takes 350 ms more: two or three cues arrive during every render.
        await using var host = await TestNodes.StartCoordinatorAsync();
        await using var node = new NodeRuntime(TestNodes.Options(host.GrpcUri, "node-a") with { ExtraRenderTime = TimeSpan.FromMilliseconds(350) });
        using var stop = new CancellationTokenSource();
        var run = node.RunAsync(stop.Token);

        // Act
        await TestNodes.Until(() => node.Totals.FramesRendered >= 4, "4 slow frames were rendered");
        var renderedBefore = node.LastRenderedFrame;
        var coordinatorFrame = host.CurrentFrame;
        await TestNodes.Until(() => node.LastRenderedFrame > renderedBefore, "one more frame was rendered");
        var next = node.LastRenderedFrame;
        await stop.CancelAsync();
        await run.WaitAsync(TestNodes.Timeout);

        // Assert: the frame rendered next is the newest cue when the previous render ended, not the next one in line
        // (the coordinator's frame is sampled up to one 20 ms poll after that render ended, so at most one boundary
        // late: frames are 100 ms apart), and the ones in between were counted as skipped.
        var totals = node.Totals;
        Assert.True(totals.CuesSkipped >= 2, $"only {totals.CuesSkipped} cues skipped");
        Assert.True(next >= coordinatorFrame - 1, $"rendered {next} after {renderedBefore}, while the coordinator was at {coordinatorFrame}");
        Assert.True(next - renderedBefore >= 2, $"rendered {next} right after {renderedBefore}: an older cue was rendered");
        Assert.True(totals.PresentsWithoutFrame > 0, "a node slower than the rate never saw a present for a frame it had not rendered");
    }

    [Fact]
    public async Task RunAsync_CoordinatorRestartsOnSamePort_RejoinsWithSameAssignmentAndKeepsGlContext()
    {
        // Arrange
        var host = await TestNodes.StartCoordinatorAsync();
        var port = host.GrpcUri.Port;
        var log = new List<string>();
        await using var node = new NodeRuntime(TestNodes.Options(host.GrpcUri, "node-b", log) with { ReconnectAfterShutdown = true });
        using var stop = new CancellationTokenSource();
        var run = node.RunAsync(stop.Token);
        await TestNodes.Until(() => node.Totals.FramesPresented >= 3, "3 frames presented by the first coordinator");
        var firstAssignment = node.Assignment!;

        // Act
        await host.DisposeAsync();
        await TestNodes.Until(() => !node.Connected, "the node saw the session end");
        await using var second = await TestNodes.StartCoordinatorAsync(port);
        await TestNodes.Until(() => node.Sessions >= 2 && node.Connected, "the node joined the restarted coordinator");
        var presented = node.Totals.FramesPresented;
        await TestNodes.Until(() => node.Totals.FramesPresented >= presented + 3, "3 more frames presented by the second coordinator");
        await stop.CancelAsync();
        await run.WaitAsync(TestNodes.Timeout);

        // Assert
        Assert.Equal(1, node.RenderersCreated);
        Assert.Equal(firstAssignment.Panels, node.Assignment!.Panels);
        Assert.True(node.Totals.Reconnects >= 1);
        Assert.True(TestNodes.Contains(log, "keeping the renderer"), string.Join("\n", log));
        Assert.Equal(1, second.GetStatus().Nodes.Single(n => n.Name == "node-b").Sessions);
    }

    [Fact]
    public async Task RunAsync_CoordinatorDownAtStart_RetriesWithALineEachTimeThenJoins()
    {
        // Arrange: a port nobody listens on yet.
        var probe = await TestNodes.StartCoordinatorAsync();
        var port = probe.GrpcUri.Port;
        await probe.DisposeAsync();
        var log = new List<string>();
        await using var node = new NodeRuntime(TestNodes.Options(new Uri($"http://127.0.0.1:{port}"), "node-a", log));
        using var stop = new CancellationTokenSource();
        var run = node.RunAsync(stop.Token);

        // Act
        await TestNodes.Until(() => TestNodes.Contains(log, "retrying in") || run.IsFaulted, "the node logged a retry");
        Assert.False(run.IsFaulted, run.Exception?.ToString());
        await using var host = await TestNodes.StartCoordinatorAsync(port);
        await TestNodes.Until(() => node.Totals.FramesPresented >= 2, "the node joined and had frames presented");
        await stop.CancelAsync();
        await run.WaitAsync(TestNodes.Timeout);

        // Assert
        Assert.True(TestNodes.Contains(log, "not reachable"), string.Join("\n", log));
        Assert.Equal(1, node.Sessions);
        Assert.Equal(0, node.Totals.Reconnects);
    }

    [Fact]
    public async Task RunAsync_CoordinatorSendsShutdown_ReturnsShutdown()
    {
        // Arrange
        var host = await TestNodes.StartCoordinatorAsync();
        await using var node = new NodeRuntime(TestNodes.Options(host.GrpcUri, "node-a"));
        var run = node.RunAsync();
        await TestNodes.Until(() => node.Totals.FramesPresented >= 1, "a frame was presented");

        // Act
        await host.DisposeAsync();
        var reason = await run.WaitAsync(TestNodes.Timeout);

        // Assert
        Assert.Equal(NodeExitReason.Shutdown, reason);
        Assert.False(node.Connected);
    }

    [Fact]
    public async Task RunAsync_UnknownName_ThrowsJoinRefusedWithoutRetrying()
    {
        // Arrange
        await using var host = await TestNodes.StartCoordinatorAsync();
        await using var node = new NodeRuntime(TestNodes.Options(host.GrpcUri, "node-z"));

        // Act
        var e = await Assert.ThrowsAsync<NodeJoinRefusedException>(() => node.RunAsync().WaitAsync(TestNodes.Timeout));

        // Assert
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Contains("node-z", e.Message, StringComparison.Ordinal);
        Assert.Contains("node-a", e.Message, StringComparison.Ordinal);
    }
}
