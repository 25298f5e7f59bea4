// The collaborator store on its own: validation naming the field, the per-author bound, ownership, and the frame loop's
// steady state with a virtual camera in every cue (no allocation), and the age status gives each virtual camera.
using System.Diagnostics;
using StageControl.Coordinator.Collaboration;
using StageControl.Coordinator.Frames;
using StageControl.Coordinator.Hosting;
using StageControl.Coordinator.Registry;
using StageControl.Core.Timing;
using StageControl.Protos.V1;
using StageControl.Rpc;
using StageControl.Tests.Shared;

namespace StageControl.Coordinator.Tests.Collaboration;

public sealed class CollaboratorStoreTests
{
    private static readonly Collaborator Alice = new("alice", false);
    private static readonly Collaborator Bob = new("bob", false);
    private static readonly Collaborator Tech = new("tech", true);

    private static SetVirtualCameraRequest Camera(double x = 1, double fov = 40) => new()
    {
        Position = new Vec3 { X = x, Y = 1.7, Z = -4 },
        Orientation = new Quat { W = 2 },
        VerticalFovDeg = fov,
    };

    private static AddAnnotationRequest Note(string text = "mark") => new() { Text = text, Position = new Vec3 { Y = 2 } };

    [Fact]
    public void SetCamera_Valid_NamedForTheCallerNormalisedAndReplacedOnSecondSet()
    {
        // Arrange
        var store = new CollaboratorStore();

        // Act
        store.SetCamera(Alice, Camera(x: 1), 0);
        var second = store.SetCamera(Alice, Camera(x: 2, fov: 30), 0);

        // Assert
        var only = Assert.Single(store.VirtualCameras);
        Assert.Same(second, only);
        Assert.Equal("virtual/alice", only.Name);
        Assert.Equal(2, only.Position.X);
        Assert.Equal(1, only.Orientation.W);
        Assert.True(only.Valid);
        // 16/9 default aspect: hfov = 2·atan(16/9 · tan(15°)).
        Assert.Equal(2 * Math.Atan(16.0 / 9.0 * Math.Tan(Math.PI / 12)) * 180 / Math.PI, only.HorizontalFovDeg, 9);
    }

    [Theory]
    [InlineData(double.NaN, 40, 1, "position.x: NaN is not a finite number")]
    [InlineData(1001, 40, 1, "position: 1001.009 m from the stage origin, at most 1000 m")]
    [InlineData(1, 0.5, 1, "vertical_fov_deg: 0.5 is outside 1..170")]
    [InlineData(1, 171, 1, "vertical_fov_deg: 171 is outside 1..170")]
    [InlineData(1, 40, 0, "orientation: a zero quaternion is no rotation (identity is 1,0,0,0)")]
    public void SetCamera_BadValue_InvalidArgumentNamingTheField(double x, double fov, double w, string message)
    {
        // Arrange
        var store = new CollaboratorStore();
        var request = Camera(x, fov);
        request.Orientation.W = w;

        // Act
        var e = Assert.Throws<RpcException>(() => store.SetCamera(Alice, request, 0));

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(message, e.Status.Detail);
        Assert.Empty(store.VirtualCameras);
    }

    [Fact]
    public void Add_BadTextOrColour_InvalidArgumentNamingTheField()
    {
        // Arrange
        var store = new CollaboratorStore();
        var red = Note();
        red.Color = new Rgba { Red = 1.5f, Alpha = 1 };

        // Act
        var empty = Assert.Throws<RpcException>(() => store.Add(Alice, Note(" "), 0));
        var longText = Assert.Throws<RpcException>(() => store.Add(Alice, Note(new string('x', 201)), 0));
        var colour = Assert.Throws<RpcException>(() => store.Add(Alice, red, 0));
        var fits = store.Add(Alice, Note(new string('x', 200)), 0);

        // Assert
        Assert.StartsWith("text: empty", empty.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("text: 201 characters, at most 200", longText.Status.Detail);
        Assert.Equal("color.red: 1.5 is outside 0..1", colour.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, colour.StatusCode);
        Assert.Equal(1, fits.Color.Alpha);
        Assert.Single(store.Annotations.Annotations);
    }

    [Fact]
    public void SetRemote_ValidThenBadThenOlder_ShownRenamedAfterLocalBadOneRefusedWholeOlderIgnored()
    {
        // Arrange
        var store = new CollaboratorStore();
        var local = store.Add(Alice, Note("here"), 0);
        static Annotation Remote(string id, string text, double x = 0) => new() { Id = id, Author = "carol", Text = text, Position = new Vec3 { X = x }, Color = new Rgba { Green = 1, Alpha = 1 } };
        var version = store.Annotations.Version;

        // Act
        var applied = store.SetRemote("hq", 5, [Remote("a1", "key light"), Remote("a2", "plant")]);
        var bad = store.SetRemote("hq", 6, [Remote("a1", "fine"), Remote("a3", "far", x: 2000)]);
        var older = store.SetRemote("hq", 4, []);

        // Assert
        Assert.Null(applied);
        Assert.Equal("annotations[1] ('a3'): position: 2000 m from the stage origin, at most 1000 m", bad);
        Assert.Null(older);
        Assert.Equal([local.Id, "hq/a1", "hq/a2"], store.Annotations.Annotations.Select(a => a.Id));
        Assert.Equal("hq/carol", store.Annotations.Annotations[1].Author);
        Assert.Equal(version + 1, store.Annotations.Version);
        Assert.Equal([local.Id], store.LocalAnnotations.Annotations.Select(a => a.Id));
    }

    [Fact]
    public void Add_SeventeenthByOneAuthor_ResourceExhaustedOthersStillAdd()
    {
        // Arrange
        var store = new CollaboratorStore();
        for (var i = 0; i < CollaboratorStore.MaxAnnotationsPerAuthor; i++)
        {
            store.Add(Alice, Note(), i);
        }

        // Act
        var e = Assert.Throws<RpcException>(() => store.Add(Alice, Note(), 99));
        var bobs = store.Add(Bob, Note(), 100);

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains("'alice' already has 16 annotations", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("bob", bobs.Author);
        Assert.Equal(17, store.Annotations.Annotations.Count);
    }

    [Fact]
    public void Remove_SomeoneElses_PermissionDeniedNamingOwner_TechnicianMay_UnknownNotFound()
    {
        // Arrange
        var store = new CollaboratorStore();
        var bobs = store.Add(Bob, Note(), 0);
        var version = store.Annotations.Version;

        // Act
        var denied = Assert.Throws<RpcException>(() => store.Remove(Alice, bobs.Id));
        var stillThere = store.Annotations.Annotations.Count;
        store.Remove(Tech, bobs.Id);
        var missing = Assert.Throws<RpcException>(() => store.Remove(Bob, bobs.Id));

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains($"annotation '{bobs.Id}' belongs to 'bob'", denied.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, stillThere);
        Assert.Empty(store.Annotations.Annotations);
        Assert.Equal(version + 1, store.Annotations.Version);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void ClearCamera_OwnYesOthersOnlyTechnician()
    {
        // Arrange
        var store = new CollaboratorStore();
        store.SetCamera(Alice, Camera(), 0);
        store.SetCamera(Bob, Camera(), 0);

        // Act
        var denied = Assert.Throws<RpcException>(() => store.ClearCamera(Alice, "bob"));
        var own = store.ClearCamera(Alice, string.Empty);
        var again = store.ClearCamera(Alice, string.Empty);
        var byTech = store.ClearCamera(Tech, "bob");

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("belongs to 'bob'", denied.Status.Detail, StringComparison.Ordinal);
        Assert.True(own);
        Assert.False(again);
        Assert.True(byTech);
        Assert.Empty(store.VirtualCameras);
    }

    [Fact]
    public void VirtualCameraSet_SetReplaceAndClear_KeepsEachCamerasLastSetTimestamp()
    {
        // Arrange
        var store = new CollaboratorStore();
        store.SetCamera(Alice, Camera(), 100);
        store.SetCamera(Bob, Camera(), 200);

        // Act
        store.SetCamera(Alice, Camera(x: 2), 300);
        var replaced = store.VirtualCameraSet;
        store.ClearCamera(Alice, string.Empty);
        var cleared = store.VirtualCameraSet;

        // Assert
        Assert.Equal(["virtual/alice", "virtual/bob"], replaced.Cameras.Select(c => c.Name));
        Assert.Equal([300L, 200L], replaced.UpdatedTimestamps);
        Assert.Equal(["virtual/bob"], cleared.Cameras.Select(c => c.Name));
        Assert.Equal([200L], cleared.UpdatedTimestamps);
        Assert.Same(cleared.Cameras, store.VirtualCameras);
    }

    [Fact]
    public void Snapshot_VirtualCamera_SampleAgeIsTimeSinceLastSetAndCueCopyUntouched()
    {
        // Arrange
        var config = TestStage.Demo();
        var time = new FakeTimeProvider();
        using var runtime = new CoordinatorRuntime(config, null, new CoordinatorClock(time, new FrameClock(0, config.FrameRate)), TimeSpan.FromMilliseconds(30), 3);
        runtime.Collaborators.SetCamera(Alice, Camera(), time.GetTimestamp());

        // Act
        time.Advance(TimeSpan.FromMilliseconds(1500));
        var snapshot = runtime.Snapshot();

        // Assert
        var listed = Assert.Single(snapshot.Cameras, c => c.Name == "virtual/alice");
        Assert.Equal(1_500_000, listed.SampleAgeUs);
        Assert.True(listed.Valid);
        Assert.Equal(0, runtime.Collaborators.VirtualCameras[0].SampleAgeUs);
    }

    [Fact]
    public void AnnotationsChanged_CompletesOnChangeOnly()
    {
        // Arrange
        var store = new CollaboratorStore();
        var before = store.AnnotationsChanged;
        store.SetCamera(Alice, Camera(), 0);
        var afterCamera = before.IsCompleted;

        // Act
        store.Add(Alice, Note(), 0);

        // Assert
        Assert.False(afterCamera);
        Assert.True(before.IsCompleted);
        Assert.False(store.AnnotationsChanged.IsCompleted);
    }

    [Fact]
    public async Task FrameLoopStep_WithVirtualCamera_CuesItAndAllocatesNothing()
    {
        // Arrange
        var config = TestStage.Demo();
        using var runtime = new CoordinatorRuntime(config, null, new CoordinatorClock(TimeProvider.System, new FrameClock(0, config.FrameRate)), TimeSpan.FromMilliseconds(30), 3);
        runtime.Collaborators.SetCamera(Alice, Camera(), 0);
        var stream = new Frames.SerializedCountingStream();
        var outbound = new NodeOutbound(stream, runtime.Cameras.Count, runtime.Figures.PoseLatency);
        using var connection = new NodeConnection(outbound, "test");
        runtime.Registry.Join(new Join { Name = config.Nodes[0].Name }, connection, out var entry);
        using var cts = new CancellationTokenSource();
        var running = outbound.RunAsync(cts.Token);
        var frame = Step(runtime, entry, runtime.Clock.NextFrame(), 50);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        Step(runtime, entry, frame, 2_000);
        var after = GC.GetAllocatedBytesForCurrentThread();

        // Assert
        Assert.Equal(0, after - before);
        var cameras = stream.LastCue!.Cameras;
        Assert.Equal(config.Cameras.Count + 1, cameras.Count);
        Assert.Equal("virtual/alice", cameras[^1].Name);
        Assert.True(cameras[^1].Valid);
        await cts.CancelAsync();
        await running.WaitAsync(TestStage.Timeout);
    }

    private static long Step(CoordinatorRuntime runtime, NodeEntry entry, long from, int count)
    {
        for (var f = from; f < from + count; f++)
        {
            runtime.Barrier.OnReady(entry.Index, f, Stopwatch.GetTimestamp());
            runtime.Loop.Step(f, Stopwatch.GetTimestamp());
        }

        return from + count;
    }
}
