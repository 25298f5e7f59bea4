using StageControl.Tracking;
using StageControl.Tracking.CameraState;
using StageControl.Tracking.Ingest;
using StageControl.Tracking.Rebroadcast;

namespace StageControl.Cli.Internal;

/// <summary>
/// The hub's re-broadcast for <c>track listen --rebroadcast-otrk/--rebroadcast-freed</c>: each new sample goes through
/// its camera's <see cref="CameraState"/> (no delay, no filter, identity registration) evaluated at the sample's own
/// arrival time, i.e. the latest pose with no interpolation, and is published as OpenTrackIO and/or FreeD D1.
/// Called on the ingest's read loop only (one thread); the counters are read from any thread.
/// </summary>
internal sealed class TrackRebroadcaster : ISampleSink, IDisposable
{
    private readonly UdpPosePublisher? _otrk;
    private readonly UdpPosePublisher? _freeD;
    private readonly Dictionary<int, CameraState> _states = [];
    private readonly Dictionary<int, OtrkPoseEncoder> _encoders = [];
    private long _otrkSent;
    private long _freeDSent;
    private long _skipped;

    public TrackRebroadcaster(UdpPosePublisher? otrk, UdpPosePublisher? freeD)
    {
        _otrk = otrk;
        _freeD = freeD;
    }

    /// <summary>Poses published as OpenTrackIO messages.</summary>
    public long OtrkSent => Volatile.Read(ref _otrkSent);

    /// <summary>Poses published as FreeD D1 packets.</summary>
    public long FreeDSent => Volatile.Read(ref _freeDSent);

    /// <summary>Samples not re-published: out of order, or a pose/camera id FreeD cannot carry.</summary>
    public long Skipped => Volatile.Read(ref _skipped);

    public void OnSample(in TrackingSample sample, int sourceIndex)
    {
        if (!_states.TryGetValue(sample.CameraId, out var state))
        {
            state = new CameraState(new CameraStateOptions());
            _states.Add(sample.CameraId, state);
        }

        if (!state.Add(sample))
        {
            Interlocked.Increment(ref _skipped);
            return;
        }

        var pose = state.Evaluate(sample.ArrivalTimestamp);
        if (_otrk is not null)
        {
            if (!_encoders.TryGetValue(sample.CameraId, out var encoder))
            {
                // OpenTrackIO source numbers are 1-200 (OpenTrackIO 1.0, "Transport"): clamp other ids into range.
                encoder = new OtrkPoseEncoder(Math.Clamp(sample.CameraId, 1, 200));
                _encoders.Add(sample.CameraId, encoder);
            }

            _otrk.PublishOpenTrackIO(encoder, pose);
            Interlocked.Increment(ref _otrkSent);
        }

        if (_freeD is not null)
        {
            // FreeD camera ids are one byte; 0xFF means "any camera" and is not a valid sender id.
            if (sample.CameraId is >= 0 and < 0xFF && _freeD.PublishFreeD(pose, (byte)sample.CameraId))
            {
                Interlocked.Increment(ref _freeDSent);
            }
            else
            {
                Interlocked.Increment(ref _skipped);
            }
        }
    }

    public void Dispose()
    {
        _otrk?.Dispose();
        _freeD?.Dispose();
    }
}
