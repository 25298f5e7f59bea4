using System.Diagnostics;
using StageControl.Core.Geometry;

namespace StageControl.Tracking.CameraState;

/// <summary>
/// One camera's tracking history and its evaluation at display times (math.md §7).
/// <para>
/// Time: everything is <see cref="Stopwatch"/> ticks, the unit of <see cref="TrackingSample.ArrivalTimestamp"/>.
/// <see cref="Evaluate"/> takes the display time t and samples the history at t_eval = t − δ: between the bracketing
/// samples position and lens values are lerped and the orientation slerped (so pan crossing ±180° takes the short way);
/// beyond the newest sample the pose is predicted at constant velocity (position from the last two samples, rotation
/// as exp(ω·h/2) ⊗ q, math.md §7.4) for at most <see cref="CameraStateOptions.MaxPredictionTicks"/>, then held; before
/// the oldest kept sample the oldest is held. When the newest arrival is older than t by more than
/// <see cref="CameraStateOptions.StaleAfterTicks"/> the newest pose is held and flagged Stale.
/// </para>
/// <para>
/// Ring: a preallocated array of <see cref="CameraStateOptions.Capacity"/> samples; <see cref="Add"/> and
/// <see cref="Evaluate"/> allocate nothing. Samples must arrive in time order: one older than the newest is rejected
/// (counted in <see cref="OutOfOrder"/>); one with the same timestamp replaces the newest.
/// </para>
/// <para>
/// Filter (optional, applied on arrival so it sees every sample once, in order): One Euro per position axis
/// (<see cref="OneEuroFilter"/>, timestamps in seconds); for the orientation, the derivative is the angle between the
/// previous filtered and the new orientation times the rate, and the filtered orientation is
/// slerp(q̂_prev, q, α) with the One Euro α for that speed.
/// </para>
/// <para>
/// Options: <see cref="Reconfigure"/> swaps the calibration hooks (registration, delay, filter, lens) at run time. The
/// options object is immutable and published with <see cref="Volatile.Write{T}(ref T, T)"/>; every <see cref="Evaluate"/>
/// and <see cref="Add"/> reads it once, so a swap applies from the next evaluation and one evaluation never mixes two
/// option sets. A new filter setting restarts the filter on the next sample (kept samples stay as they were filtered).
/// </para>
/// Samples and evaluations are not thread-safe: one writer and one reader on the same thread, or external locking.
/// <see cref="Reconfigure"/> may be called from any thread.
/// </summary>
public sealed class CameraState
{
    private readonly TrackingSample[] _ring;
    private CameraStateOptions _options;
    private OneEuroSettings? _filterSettings;
    private OneEuroFilter _fx;
    private OneEuroFilter _fy;
    private OneEuroFilter _fz;
    private OneEuroFilter _fq;
    private Quat _qHat;
    private bool _hasQHat;
    private int _start;
    private int _count;

    /// <summary>A camera state with the given options.</summary>
    public CameraState(CameraStateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxPredictionTicks);
        ArgumentOutOfRangeException.ThrowIfNegative(options.StaleAfterTicks);
        _options = options;
        _ring = new TrackingSample[options.Capacity];
        ResetFilter(options.Filter);
    }

    /// <summary>Samples kept now.</summary>
    public int Count => _count;

    /// <summary>Samples rejected because they were older than the newest.</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>The options in force (the newest published by <see cref="Reconfigure"/>).</summary>
    public CameraStateOptions Options => Volatile.Read(ref _options);

    /// <summary>
    /// Publishes new options; the next <see cref="Evaluate"/> uses them. The ring settings (<see
    /// cref="CameraStateOptions.Capacity"/>, <see cref="CameraStateOptions.MaxPredictionTicks"/>, <see
    /// cref="CameraStateOptions.StaleAfterTicks"/>) must stay as they are; the calibration hooks may change.
    /// </summary>
    public void Reconfigure(CameraStateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var current = Volatile.Read(ref _options);
        if (options.Capacity != current.Capacity || options.MaxPredictionTicks != current.MaxPredictionTicks || options.StaleAfterTicks != current.StaleAfterTicks)
        {
            throw new ArgumentException("Reconfigure changes the calibration hooks only: capacity, prediction horizon and staleness limit must stay the same.", nameof(options));
        }

        if (options.Filter is { } f)
        {
            // Fail here, on the caller's thread, rather than on the next sample.
            _ = new OneEuroFilter(f);
        }

        Volatile.Write(ref _options, options);
    }

    /// <summary>Adds a sample (filtered first when a filter is set). Returns false when it is out of order.</summary>
    public bool Add(in TrackingSample sample)
    {
        var filter = Volatile.Read(ref _options).Filter;
        if (filter != _filterSettings)
        {
            ResetFilter(filter);
        }

        if (_count > 0)
        {
            ref var newest = ref _ring[Physical(_count - 1)];
            if (sample.ArrivalTimestamp < newest.ArrivalTimestamp)
            {
                OutOfOrder++;
                return false;
            }

            if (sample.ArrivalTimestamp == newest.ArrivalTimestamp)
            {
                newest = Filter(sample);
                return true;
            }
        }

        var stored = Filter(sample);
        if (_count < _ring.Length)
        {
            _ring[Physical(_count)] = stored;
            _count++;
        }
        else
        {
            _ring[_start] = stored;
            _start = (_start + 1) % _ring.Length;
        }

        return true;
    }

    /// <summary>Evaluates the camera for display time <paramref name="displayTimestamp"/> (Stopwatch ticks).</summary>
    public CameraPose Evaluate(long displayTimestamp)
    {
        var options = Volatile.Read(ref _options);
        var tEval = displayTimestamp - options.Delay.Ticks;
        if (_count == 0)
        {
            return new CameraPose(tEval, Vec3.Zero, Quat.Identity, double.NaN, 0, Vec3.Zero, double.NaN, -1, -1, CameraPoseState.NoData);
        }

        ref readonly var newest = ref _ring[Physical(_count - 1)];
        if (displayTimestamp - newest.ArrivalTimestamp > options.StaleAfterTicks)
        {
            return Finish(options, tEval, newest.Position, newest.Orientation, newest.FocalLengthMm, newest.EntrancePupilOffsetM,
                newest.FocusDistanceM, newest.ZoomRaw, newest.FocusRaw, CameraPoseState.Stale);
        }

        ref readonly var oldest = ref _ring[_start];
        if (tEval < oldest.ArrivalTimestamp)
        {
            return Finish(options, tEval, oldest.Position, oldest.Orientation, oldest.FocalLengthMm, oldest.EntrancePupilOffsetM,
                oldest.FocusDistanceM, oldest.ZoomRaw, oldest.FocusRaw, CameraPoseState.Held);
        }

        if (tEval >= newest.ArrivalTimestamp)
        {
            return Predict(options, tEval, newest);
        }

        // Binary search for the last sample with t_i <= tEval (exists: oldest <= tEval < newest).
        int lo = 0, hi = _count - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >>> 1;
            if (_ring[Physical(mid)].ArrivalTimestamp <= tEval)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        ref readonly var a = ref _ring[Physical(lo)];
        ref readonly var b = ref _ring[Physical(hi)];
        var u = (double)(tEval - a.ArrivalTimestamp) / (b.ArrivalTimestamp - a.ArrivalTimestamp);
        return Finish(
            options,
            tEval,
            Vec3.Lerp(a.Position, b.Position, u),
            Quat.Slerp(a.Orientation, b.Orientation, u),
            Lerp(a.FocalLengthMm, b.FocalLengthMm, u),
            Lerp(a.EntrancePupilOffsetM, b.EntrancePupilOffsetM, u),
            Lerp(a.FocusDistanceM, b.FocusDistanceM, u),
            LerpRaw(a.ZoomRaw, b.ZoomRaw, u),
            LerpRaw(a.FocusRaw, b.FocusRaw, u),
            CameraPoseState.Interpolated);
    }

    /// <summary>Forgets all samples and filter state.</summary>
    public void Clear()
    {
        _start = 0;
        _count = 0;
        ResetFilter(Volatile.Read(ref _options).Filter);
    }

    private void ResetFilter(OneEuroSettings? settings)
    {
        _filterSettings = settings;
        _hasQHat = false;
        if (settings is { } f)
        {
            _fx = new OneEuroFilter(f);
            _fy = new OneEuroFilter(f);
            _fz = new OneEuroFilter(f);
            _fq = new OneEuroFilter(f);
        }
    }

    private CameraPose Predict(CameraStateOptions options, long tEval, in TrackingSample newest)
    {
        var ahead = tEval - newest.ArrivalTimestamp;
        if (ahead == 0 || _count < 2)
        {
            return Finish(options, tEval, newest.Position, newest.Orientation, newest.FocalLengthMm, newest.EntrancePupilOffsetM,
                newest.FocusDistanceM, newest.ZoomRaw, newest.FocusRaw, ahead == 0 ? CameraPoseState.Interpolated : CameraPoseState.Held);
        }

        var state = CameraPoseState.Predicted;
        if (ahead > options.MaxPredictionTicks)
        {
            ahead = options.MaxPredictionTicks;
            state = CameraPoseState.Held;
        }

        ref readonly var previous = ref _ring[Physical(_count - 2)];
        var interval = (double)(newest.ArrivalTimestamp - previous.ArrivalTimestamp);
        var k = ahead / interval;

        // math.md §7.4: p + v·L with v = Δp/Δt; q ⊗ exp(ω·L/2) with Δq = q_n ⊗ q_{n−1}* (world-frame angular velocity).
        var position = newest.Position + ((newest.Position - previous.Position) * k);
        var delta = newest.Orientation * previous.Orientation.Conjugate();
        var orientation = (QuatMath.Exp(QuatMath.Log(delta) * k) * newest.Orientation).Normalized();
        return Finish(options, tEval, position, orientation, newest.FocalLengthMm, newest.EntrancePupilOffsetM,
            newest.FocusDistanceM, newest.ZoomRaw, newest.FocusRaw, state);
    }

    private static CameraPose Finish(
        CameraStateOptions options,
        long tEval, Vec3 position, Quat orientation, double focalMm, double pupilM, double focusM, int zoomRaw, int focusRaw, CameraPoseState state)
    {
        var registration = options.Registration;
        var p = registration.ApplyPosition(position);
        var q = registration.ApplyOrientation(orientation);
        if (options.Lens is { } lens && zoomRaw >= 0 && lens.TryEvaluate(zoomRaw, focusRaw, out var f, out var e))
        {
            focalMm = f;
            pupilM = e;
        }

        if (double.IsNaN(pupilM))
        {
            pupilM = 0;
        }

        // math.md §9.2: the eye sits e metres along the view axis (−Z in the camera frame), toward the subject.
        var eye = p + q.Rotate(new Vec3(0, 0, -pupilM));
        return new CameraPose(tEval, p, q, focalMm, pupilM, eye, focusM, zoomRaw, focusRaw, state);
    }

    private TrackingSample Filter(in TrackingSample sample)
    {
        if (_filterSettings is null)
        {
            return sample;
        }

        var t = (double)sample.ArrivalTimestamp / Stopwatch.Frequency;
        var p = new Vec3(_fx.Filter(sample.Position.X, t), _fy.Filter(sample.Position.Y, t), _fz.Filter(sample.Position.Z, t));
        Quat q;
        if (!_hasQHat)
        {
            // The first sample since the filter (re)started passes through.
            _fq.UpdateFrequency(t);
            _fq.AlphaForSpeed(0);
            q = sample.Orientation;
        }
        else
        {
            _fq.UpdateFrequency(t);
            var speed = QuatMath.AngleBetween(_qHat, sample.Orientation) * _fq.Frequency;
            q = Quat.Slerp(_qHat, sample.Orientation, _fq.AlphaForSpeed(speed));
        }

        _qHat = q;
        _hasQHat = true;
        return sample with { Position = p, Orientation = q };
    }

    private int Physical(int logical)
    {
        var i = _start + logical;
        return i >= _ring.Length ? i - _ring.Length : i;
    }

    private static double Lerp(double a, double b, double u) => a + ((b - a) * u);

    private static int LerpRaw(int a, int b, double u) =>
        a < 0 || b < 0 ? (u < 0.5 ? a : b) : (int)Math.Round(a + ((b - a) * u), MidpointRounding.AwayFromZero);
}
