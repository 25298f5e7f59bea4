using StageControl.Coordinator.Frames;
using StageControl.Core.Stage;
using StageControl.Tracking;
using StageControl.Tracking.CameraState;
using TrackedCamera = StageControl.Tracking.CameraState.CameraState;
using ProtoCameraState = StageControl.Protos.V1.CameraState;

namespace StageControl.Coordinator.Tracking;

/// <summary>
/// Every camera of the stage: its tracking history (<see cref="TrackedCamera"/>), its evaluation for a display instant
/// as a proto <see cref="ProtoCameraState"/>, and the push of each new sample to whoever listens (node pose slots,
/// StreamCameras subscribers). Samples arrive on the ingest reader loops; evaluations happen on the frame loop and in
/// status calls; each camera has its own lock.
/// </summary>
internal sealed class CameraHub
{
    private readonly Camera[] _cameras;
    private readonly CoordinatorClock _clock;
    private readonly Lock _subscribersGate = new();
    private CameraSubscription[] _subscribers = [];

    /// <summary>A hub for the config's cameras.</summary>
    public CameraHub(IReadOnlyList<CameraConfig> cameras, CoordinatorClock clock, CameraStateOptions? options = null)
    {
        _clock = clock;
        _cameras = new Camera[cameras.Count];
        for (var i = 0; i < cameras.Count; i++)
        {
            _cameras[i] = new Camera(i, cameras[i], new TrackedCamera(options ?? new CameraStateOptions()));
        }
    }

    /// <summary>Called for every new sample, on the ingest reader loop (the host fans it out to the nodes).</summary>
    public Action<PoseItem>? PosePublished { get; set; }

    /// <summary>Number of cameras.</summary>
    public int Count => _cameras.Length;

    /// <summary>A camera's config.</summary>
    public CameraConfig ConfigOf(int index) => _cameras[index].Config;

    /// <summary>The index of a camera by name, or −1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _cameras.Length; i++)
        {
            if (string.Equals(_cameras[i].Config.Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Samples received by a camera.</summary>
    public long SamplesOf(int index) => Volatile.Read(ref _cameras[index].Samples);

    /// <summary>The newest pushed state of a camera, or null before its first sample.</summary>
    public PoseItem? LatestOf(int index) => Volatile.Read(ref _cameras[index].Latest);

    /// <summary>Adds a sample to camera <paramref name="index"/> and publishes its state.</summary>
    public void OnSample(int index, in TrackingSample sample)
    {
        var camera = _cameras[index];
        ProtoCameraState state;
        lock (camera.Gate)
        {
            if (!camera.State.Add(sample))
            {
                return;
            }

            camera.NewestArrival = sample.ArrivalTimestamp;
            camera.NewestSequence = sample.Sequence;

            // The state at the sample's own instant: no delay, no prediction (the node applies its own timing).
            var pose = camera.State.Evaluate(sample.ArrivalTimestamp + camera.State.Options.Delay.Ticks);
            state = Build(camera, pose, sample.ArrivalTimestamp);
        }

        Interlocked.Increment(ref camera.Samples);
        var item = new PoseItem(index, state, sample.ArrivalTimestamp);
        Volatile.Write(ref camera.Latest, item);
        PosePublished?.Invoke(item);
        var subscribers = Volatile.Read(ref _subscribers);
        foreach (var s in subscribers)
        {
            s.Post(item);
        }
    }

    /// <summary>Evaluates camera <paramref name="index"/> for the display instant <paramref name="displayTimestamp"/>
    /// (monotonic ticks) with the operator's extra delay.</summary>
    public ProtoCameraState Evaluate(int index, long displayTimestamp, double delayOffsetMs)
    {
        var state = new ProtoCameraState();
        Evaluate(index, displayTimestamp, delayOffsetMs, state);
        return state;
    }

    /// <summary>As <see cref="Evaluate(int, long, double)"/>, into <paramref name="target"/> (every field set; its
    /// position and orientation objects reused: the frame loop's allocation-free path).</summary>
    public void Evaluate(int index, long displayTimestamp, double delayOffsetMs, ProtoCameraState target)
    {
        var camera = _cameras[index];
        var offset = (long)(delayOffsetMs * _clock.Frequency / 1000.0);
        lock (camera.Gate)
        {
            var pose = camera.State.Evaluate(displayTimestamp - offset);
            Fill(camera, pose, displayTimestamp, target);
        }
    }

    /// <summary>
    /// Swaps camera <paramref name="index"/>'s calibration hooks (tracker → stage registration, tracking delay, One Euro
    /// filter or null for none); the next evaluation (the next frame, the next sample's pose) uses them. Allocates the new
    /// options here, on the caller's thread; the frame loop reads them without allocating.
    /// </summary>
    public void Reconfigure(int index, StageRegistration registration, TrackingDelay delay, OneEuroSettings? filter)
    {
        var camera = _cameras[index];

        // Under the camera's lock so a sample's publication (OnSample) reads one option set for its delay and its pose.
        lock (camera.Gate)
        {
            camera.State.Reconfigure(camera.State.Options with { Registration = registration, Delay = delay, Filter = filter });
        }
    }

    /// <summary>Adds a StreamCameras subscriber.</summary>
    public CameraSubscription Subscribe(bool[] wanted)
    {
        var subscription = new CameraSubscription(this, wanted, _cameras.Length);
        lock (_subscribersGate)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>Removes a subscriber.</summary>
    internal void Unsubscribe(CameraSubscription subscription)
    {
        lock (_subscribersGate)
        {
            _subscribers = Array.FindAll(_subscribers, s => !ReferenceEquals(s, subscription));
        }
    }

    private ProtoCameraState Build(Camera camera, in CameraPose pose, long atTimestamp)
    {
        var state = new ProtoCameraState();
        Fill(camera, pose, atTimestamp, state);
        return state;
    }

    private void Fill(Camera camera, in CameraPose pose, long atTimestamp, ProtoCameraState target)
    {
        var config = camera.Config;
        var focal = double.IsNaN(pose.FocalLengthMm) ? config.Lens.FocalLengthMm : pose.FocalLengthMm;
        var eye = pose.PupilPosition;
        if (pose.EntrancePupilOffsetM == 0 && config.Lens.EntrancePupilOffsetM != 0)
        {
            // The tracker did not say; the config's lens does (math.md §9.2: the eye sits e metres down −Z).
            eye = pose.Position + pose.Orientation.Rotate(new Core.Geometry.Vec3(0, 0, -config.Lens.EntrancePupilOffsetM));
        }

        var noData = pose.State == CameraPoseState.NoData;
        var stale = pose.State == CameraPoseState.Stale;
        var position = target.Position ??= new Protos.V1.Vec3();
        position.X = eye.X;
        position.Y = eye.Y;
        position.Z = eye.Z;
        var orientation = target.Orientation ??= new Protos.V1.Quat();
        orientation.W = pose.Orientation.W;
        orientation.X = pose.Orientation.X;
        orientation.Y = pose.Orientation.Y;
        orientation.Z = pose.Orientation.Z;
        target.Name = config.Name;
        target.VerticalFovDeg = FovDeg(config.Sensor.HeightMm, focal);
        target.HorizontalFovDeg = FovDeg(config.Sensor.WidthMm, focal);
        target.FocalLengthMm = focal;
        target.ZoomRaw = pose.ZoomRaw;
        target.FocusRaw = pose.FocusRaw;
        target.Valid = !noData && !stale;
        target.Stale = stale;
        target.SampleAgeUs = noData ? 0 : _clock.ToNs(atTimestamp - camera.NewestArrival) / 1000;
        target.ArrivalMonoNs = noData ? 0 : NodeOutbound.MonoNs(camera.NewestArrival);
        target.SourceSequence = camera.NewestSequence > 0 ? (ulong)camera.NewestSequence : 0;
    }

    /// <summary>2·atan(size / 2f), degrees; 0 when the focal length is unknown.</summary>
    private static double FovDeg(double sizeMm, double focalMm) =>
        focalMm > 0 ? 2 * Math.Atan(sizeMm / (2 * focalMm)) * 180 / Math.PI : 0;

    private sealed class Camera(int index, CameraConfig config, TrackedCamera state)
    {
        public readonly Lock Gate = new();
        public readonly int Index = index;
        public readonly CameraConfig Config = config;
        public readonly TrackedCamera State = state;
        public long NewestArrival;
        public long NewestSequence = -1;
        public long Samples;
        public PoseItem? Latest;
    }
}
