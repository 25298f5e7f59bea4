// Remote stages over loopback, in process: a primary and secondaries with shifted clocks; epoch adoption, frame-index
// agreement, offset error within the bound, relay of cameras via the primary, status fields, cut and resync, refusals.
using System.Diagnostics;
using StageControl.Coordinator.Simulation;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Tests.Remote;

public sealed class FederationLinkTests
{
    private static readonly TimeSpan Plus137 = TimeSpan.FromMilliseconds(137);

    [Fact]
    public async Task TwoSites_SecondaryClockOff137ms_AdoptsEpochAndFrameIndicesAgree()
    {
        // Arrange
        await using var sites = await FederatedSites.StartAsync(TimeSpan.Zero, [Plus137]);

        // Act
        await sites.UntilLockedAsync(0);
        await TestStage.Until(() => Math.Abs(sites.OffsetErrorNs(0)) < 500_000, "the offset error is under 0.5 ms");
        var secondary = sites.Status(0);
        var primary = sites.Status(-1);
        var frames = sites.FramesAtMidFrame();

        // Assert: the applied offset is −137 ms within its error bound; every site names the same frame.
        Assert.Equal("secondary", secondary.Role);
        Assert.Equal("primary", primary.Role);
        Assert.Equal("site1", secondary.Site);
        Assert.InRange(secondary.OffsetUs, -137_500, -136_500);
        Assert.True(Math.Abs(sites.OffsetErrorNs(0)) / 1000.0 <= Math.Max(secondary.ErrorBoundUs, 500), $"error {sites.OffsetErrorNs(0)} ns, bound {secondary.ErrorBoundUs} µs");
        Assert.True(secondary.ErrorBoundUs > 0);
        Assert.Equal(frames[0], frames[1]);
        Assert.Equal(0, secondary.Steps);
        Assert.Contains(primary.Peers, p => p.Site == "site1" && p.State == "linked");
        Assert.Contains(secondary.Peers, p => p.Site == "hq" && p.State == "linked");
        Assert.InRange(secondary.DelayFrames, 1, 16);
        Assert.Equal(primary.DelayFrames, secondary.DelayFrames);
    }

    [Fact]
    public async Task TwoSites_Linked_RemoteCamerasListedAsSiteSlashCameraBothWays()
    {
        // Arrange
        await using var sites = await FederatedSites.StartAsync(TimeSpan.Zero, [Plus137]);
        await sites.UntilLockedAsync(0);

        // Act / Assert
        await TestStage.Until(() => sites.Secondaries[0].Host.GetStatus().Cameras.Any(c => c.Name == "hq/A-cam"), "the secondary lists hq/A-cam");
        await TestStage.Until(() => sites.Primary.GetStatus().Cameras.Any(c => c.Name == "site1/A-cam"), "the primary lists site1/A-cam");
        var primaryPeer = sites.Status(-1).Peers.Single(p => p.Site == "site1");
        Assert.NotNull(primaryPeer.Operator);
        Assert.True(primaryPeer.LastFrame > 0);
    }

    [Fact]
    public async Task Secondary_ActiveCameraSetToThePrimarysCamera_CuedToItsNodesWithThatCamera()
    {
        // Arrange: a node on the secondary; the primary's camera relayed as hq/A-cam.
        await using var sites = await FederatedSites.StartAsync(TimeSpan.Zero, [Plus137]);
        await sites.UntilLockedAsync(0);
        var secondary = sites.Secondaries[0].Host;
        var carol = new SetVirtualCameraRequest { Position = new Vec3 { X = 1, Y = 1.7, Z = 1 }, Orientation = new Quat { W = 1 }, VerticalFovDeg = 35 };
        sites.Primary.Runtime.Collaborators.SetCamera(new StageControl.Coordinator.Collaboration.Collaborator("carol", false), carol, sites.Primary.Runtime.Clock.Time.GetTimestamp());
        await TestStage.Until(() => secondary.GetStatus().Cameras.Any(c => c.Name == "hq/A-cam"), "the secondary lists hq/A-cam");
        await TestStage.Until(() => secondary.GetStatus().Cameras.Any(c => c.Name == "hq/virtual/carol"), "the secondary lists hq/virtual/carol");
        await using var node = new SimulatedNode(secondary.GrpcUri, "node-1");
        await node.ConnectAsync();

        // Act
        var applied = secondary.Runtime.Operator.Set(new SetControlsRequest { ActiveCamera = "hq/A-cam" }, secondary.CurrentFrame + 1);
        var unknown = Assert.Throws<RpcException>(() => secondary.Runtime.Operator.Set(new SetControlsRequest { ActiveCamera = "hq/B-cam" }, secondary.CurrentFrame + 1));
        var remoteVirtual = Assert.Throws<RpcException>(() => secondary.Runtime.Operator.Set(new SetControlsRequest { ActiveCamera = "hq/virtual/carol" }, secondary.CurrentFrame + 1));

        // Assert: the node's cue names the remote camera live and carries its relayed state.
        Assert.Equal("hq/A-cam", applied.ActiveCamera);
        await TestStage.Until(
            () => node.LastCue is { } cue && cue.Frame >= applied.AppliesFromFrame && cue.Operator.ActiveCamera == "hq/A-cam" && cue.Cameras.Any(c => c.Name == "hq/A-cam"),
            "a cue with hq/A-cam live");
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.Contains("unknown camera 'hq/B-cam'", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith("linked sites' cameras hq/A-cam", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, remoteVirtual.StatusCode);
        Assert.Contains("'hq/virtual/carol' is a collaborator's virtual camera", remoteVirtual.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeSites_AnnotationsAddedAnywhere_ShownEverywhereAsSiteSlashIdAndOnlyTheOwningSiteRemovesThem()
    {
        // Arrange
        await using var sites = await FederatedSites.StartAsync(TimeSpan.Zero, [Plus137, TimeSpan.FromMilliseconds(-250)]);
        await sites.UntilLockedAsync(0);
        await sites.UntilLockedAsync(1);
        var hq = sites.Primary.Runtime.Collaborators;
        var one = sites.Secondaries[0].Host.Runtime.Collaborators;
        var two = sites.Secondaries[1].Host.Runtime.Collaborators;
        static AddAnnotationRequest Note(string text) => new() { Text = text, Position = new Vec3 { X = 1, Y = 0, Z = 2 } };
        static bool Has(StageControl.Coordinator.Collaboration.CollaboratorStore store, string id, string author) =>
            store.Annotations.Annotations.Any(a => a.Id == id && a.Author == author);

        // Act: carol at hq and bob at site1 each add one.
        var carol = hq.Add(new StageControl.Coordinator.Collaboration.Collaborator("carol", false), Note("key light here"), 1);
        var bob = one.Add(new StageControl.Coordinator.Collaboration.Collaborator("bob", false), Note("move the plant"), 2);

        // Assert: everyone sees both, the secondaries see each other's through the primary.
        await TestStage.Until(() => Has(one, "hq/" + carol.Id, "hq/carol") && Has(two, "hq/" + carol.Id, "hq/carol"), "hq's annotation on both secondaries");
        await TestStage.Until(() => Has(hq, "site1/" + bob.Id, "site1/bob") && Has(two, "site1/" + bob.Id, "site1/bob"), "site1's annotation on hq and site2");
        Assert.Equal("key light here", two.Annotations.Annotations.Single(a => a.Id == "hq/" + carol.Id).Text);
        var remote = Assert.Throws<RpcException>(() => one.Remove(new StageControl.Coordinator.Collaboration.Collaborator("tech", true), "hq/" + carol.Id));
        Assert.Equal(StatusCode.FailedPrecondition, remote.StatusCode);
        Assert.Contains("belongs to the linked site 'hq'", remote.Status.Detail, StringComparison.Ordinal);

        // Act: carol removes hers at hq.
        hq.Remove(new StageControl.Coordinator.Collaboration.Collaborator("carol", false), carol.Id);

        // Assert: gone everywhere; bob's stays.
        await TestStage.Until(() => !Has(one, "hq/" + carol.Id, "hq/carol") && !Has(two, "hq/" + carol.Id, "hq/carol"), "hq's annotation removed on both secondaries");
        Assert.True(Has(two, "site1/" + bob.Id, "site1/bob"));
        Assert.Single(one.LocalAnnotations.Annotations);
    }

    [Fact]
    public async Task ThreeSites_OffsetsOfOppositeSign_AllAgreeAndSecondariesSeeEachOtherRelayed()
    {
        // Arrange: primary +20 ms, secondaries +137 ms and −250 ms.
        await using var sites = await FederatedSites.StartAsync(TimeSpan.FromMilliseconds(20), [Plus137, TimeSpan.FromMilliseconds(-250)]);

        // Act
        await sites.UntilAllLockedAsync();
        await TestStage.Until(() => Math.Abs(sites.OffsetErrorNs(0)) < 500_000 && Math.Abs(sites.OffsetErrorNs(1)) < 500_000, "both offsets within 0.5 ms");
        var frames = sites.FramesAtMidFrame();

        // Assert
        Assert.Equal(frames[0], frames[1]);
        Assert.Equal(frames[0], frames[2]);
        await TestStage.Until(() => sites.Status(0).Peers.Any(p => p.Site == "site2" && p.State == "relayed"), "site1 knows site2 through the primary");
        await TestStage.Until(() => sites.Secondaries[1].Host.GetStatus().Cameras.Any(c => c.Name == "site1/A-cam"), "site2 lists site1/A-cam");
        Assert.Equal(2, sites.Status(-1).Peers.Count);
    }

    [Fact]
    public async Task LinkCut_ThenRestored_LostWhileCutResyncsWithinOneSecondWithoutAStep()
    {
        // Arrange: through the emulator (no impairment), so the path can be cut.
        await using var sites = await FederatedSites.StartAsync(TimeSpan.Zero, [Plus137], LinkConditions.None);
        await sites.UntilLockedAsync(0);
        await TestStage.Until(() => Math.Abs(sites.OffsetErrorNs(0)) < 500_000, "the offset error is under 0.5 ms");
        var link = sites.Secondaries[0].Link!;
        var epochBefore = sites.Secondaries[0].Host.EpochUnixNs;
        var frameBefore = sites.Secondaries[0].Host.CurrentFrame;

        // Act 1: cut.
        link.Cut();
        await TestStage.Until(() => sites.Status(0).LinkState == "lost", "the secondary sees the link lost");
        var lostFrame = sites.Secondaries[0].Host.CurrentFrame;
        await TestStage.Until(() => sites.Secondaries[0].Host.CurrentFrame > lostFrame + 5, "the secondary runs on alone");
        Assert.Contains(sites.Status(0).Peers, p => p.Site == "hq" && p.State == "lost");

        // Act 2: restore and time the re-lock.
        var restored = Stopwatch.StartNew();
        link.Restore();
        await sites.UntilLockedAsync(0);
        var resync = restored.Elapsed;

        // Assert: back within 1 s, counted, no epoch step, epoch moved by far less than a frame.
        var status = sites.Status(0);
        Assert.True(resync < TimeSpan.FromSeconds(1), $"re-locked after {resync.TotalMilliseconds:F0} ms\n{sites.NoticesText()}");
        Assert.Equal(1, status.Resyncs);
        Assert.Equal(0, status.Steps);
        Assert.True(Math.Abs(sites.Secondaries[0].Host.EpochUnixNs - epochBefore) < 1_000_000, "epoch moved < 1 ms");
        Assert.True(sites.Secondaries[0].Host.CurrentFrame > frameBefore);
        Assert.Contains("re-locked", sites.NoticesText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoSites_ThroughEmulatedWan40msJitter5msLoss1_OffsetWithinHalfMillisecondAndDCoversTheDelay()
    {
        // Arrange
        var wan = new LinkConditions(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(5), 1);
        await using var sites = await FederatedSites.StartAsync(TimeSpan.Zero, [Plus137], wan);

        // Act: lock, then wait (bounded) for the average to settle within 0.5 ms.
        await sites.UntilLockedAsync(0);
        var settled = await SimulatedNode.WaitUntilAsync(() => Math.Abs(sites.OffsetErrorNs(0)) <= 500_000, TimeSpan.FromSeconds(15));
        var error = sites.OffsetErrorNs(0);
        var status = sites.Status(0);

        // Assert: D·period ≥ the one-way delay (40 ms at 41.7 ms/frame → at least 1, with the jitter margin 2).
        Assert.True(settled, $"offset error {error / 1000.0:F0} µs\n{sites.NoticesText()}");
        Assert.InRange(status.RoundTripUs, 70_000, 300_000);
        Assert.True(status.DelayFrames >= 2, $"D = {status.DelayFrames}");
        Assert.Equal(sites.FramesAtMidFrame()[0], sites.FramesAtMidFrame()[1]);
    }

    [Fact]
    public async Task Link_GarbageFromPeer_RefusedCountedAndTheLinkGoesOn()
    {
        // Arrange: a hand-made secondary.
        await using var host = await TestStage.StartAsync();
        var notices = new List<string>();
        host.FederationNotice += n => { lock (notices) { notices.Add(n); } };
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        using var call = new Federation.FederationClient(channel.CreateCallInvoker()).Link(new CallOptions(CancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token));
        await call.RequestStream.WriteAsync(new LinkMessage { Hello = new SiteHello { Site = "rogue", Version = "test", Session = 1 } });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(LinkMessage.KindOneofCase.Hello, call.ResponseStream.Current.KindCase);

        // Act: wrong site, frame far off, an unexpected pong, an empty message, a ping without T1... then a good ping.
        await call.RequestStream.WriteAsync(new LinkMessage { Cameras = new SiteCameras { Site = "someone-else", Frame = host.CurrentFrame } });
        await call.RequestStream.WriteAsync(new LinkMessage { Cameras = new SiteCameras { Site = "rogue", Frame = host.CurrentFrame + 10_000_000 } });
        await call.RequestStream.WriteAsync(new LinkMessage { Pong = new ClockPong { Seq = 1 } });
        await call.RequestStream.WriteAsync(new LinkMessage());
        await call.RequestStream.WriteAsync(new LinkMessage { Ping = new ClockPing { Seq = 1 } });
        var badNote = new SiteAnnotations { Site = "rogue", Frame = host.CurrentFrame, Version = 1 };
        badNote.Annotations.Add(new Annotation { Id = "a1", Author = "eve", Text = "x\u0007", Position = new Vec3() });
        await call.RequestStream.WriteAsync(new LinkMessage { Annotations = badNote });
        await call.RequestStream.WriteAsync(new LinkMessage { Ping = new ClockPing { Seq = 2, T1UnixNs = 123 } });
        ClockPong? pong = null;
        while (pong is null && await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            pong = call.ResponseStream.Current.Pong;
        }

        // Assert
        Assert.NotNull(pong);
        Assert.Equal(2UL, pong.Seq);
        Assert.Equal(123, pong.T1UnixNs);
        Assert.True(pong.T3UnixNs >= pong.T2UnixNs && pong.T2UnixNs > 0);
        var status = host.GetStatus().Federation;
        Assert.True(status.Refused == 6, string.Join("\n", notices));
        Assert.Equal(6, status.Peers.Single(p => p.Site == "rogue").Refused);
        Assert.Empty(host.Runtime.Collaborators.Annotations.Annotations);
        Assert.Equal("primary", status.Role);
    }

    [Fact]
    public async Task Link_FirstMessageNotHelloOrOwnSiteName_RefusedWithStatus()
    {
        // Arrange
        await using var host = await TestStage.StartAsync();
        using var channel = RpcChannel.ForAddress(host.GrpcUri);
        var client = new Federation.FederationClient(channel.CreateCallInvoker());

        // Act
        var notHello = await EndStatusAsync(client, new LinkMessage { Ping = new ClockPing { Seq = 1, T1UnixNs = 1 } });
        var ownName = await EndStatusAsync(client, new LinkMessage { Hello = new SiteHello { Site = "local", Session = 1 } });
        var badName = await EndStatusAsync(client, new LinkMessage { Hello = new SiteHello { Site = "bad name/with slash", Session = 1 } });

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, notHello);
        Assert.Equal(StatusCode.AlreadyExists, ownName);
        Assert.Equal(StatusCode.InvalidArgument, badName);
        Assert.Equal(3, host.GetStatus().Federation.Refused);
        Assert.Equal("standalone", host.GetStatus().Federation.Role);
    }

    [Fact]
    public async Task Link_ToASecondary_FailedPrecondition()
    {
        // Arrange
        await using var sites = await FederatedSites.StartAsync(TimeSpan.Zero, [Plus137]);
        using var channel = RpcChannel.ForAddress(sites.Secondaries[0].Host.GrpcUri);
        var client = new Federation.FederationClient(channel.CreateCallInvoker());

        // Act
        var code = await EndStatusAsync(client, new LinkMessage { Hello = new SiteHello { Site = "x", Session = 1 } });

        // Assert
        Assert.Equal(StatusCode.FailedPrecondition, code);
    }

    private static async Task<StatusCode> EndStatusAsync(Federation.FederationClient client, LinkMessage first)
    {
        using var call = client.Link(new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(10)));
        try
        {
            // The server may refuse before this first write completes: then the write fails with the call's status.
            await call.RequestStream.WriteAsync(first);
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }

            return call.GetStatus().StatusCode;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
