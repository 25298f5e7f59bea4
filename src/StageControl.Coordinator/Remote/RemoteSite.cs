using StageControl.Protos.V1;

namespace StageControl.Coordinator.Remote;

/// <summary>
/// Another site as this coordinator knows it: link facts for status, its operator state, and its cameras stamped with
/// the frame index they apply to, kept in a small ring so the frame loop can show, at local frame F, the newest state
/// stamped for a frame ≤ F − D (shared/notes/math.md §5: a late packet means holding the last state, never stalling).
/// Cameras are renamed "site/camera" on arrival, so nothing is built on the frame loop but the stale copies.
/// </summary>
internal sealed class RemoteSite
{
    private const int Capacity = 128;

    private readonly Lock _gate = new();
    private readonly Entry[] _ring = new Entry[Capacity];
    private int _next;
    private int _count;
    private Entry? _shown;

    public RemoteSite(string name, string state)
    {
        Name = name;
        State = state;
    }

    public string Name { get; }

    /// <summary>LinkStates.Linked, Relayed or Lost.</summary>
    public string State { get; set; }

    public string Address { get; set; } = string.Empty;

    public string Version { get; set; } = string.Empty;

    public double OneWayDelayUs { get; set; }

    public double JitterUs { get; set; }

    /// <summary>Monotonic timestamp of the last message from or about this site.</summary>
    public long LastSeenTimestamp;

    /// <summary>Newest frame its state was stamped with.</summary>
    public long LastFrame = long.MinValue;

    /// <summary>Messages refused from (or naming) this site.</summary>
    public long Refused;

    public OperatorState? Operator { get; set; }

    /// <summary>Stores the cameras a site evaluated for <paramref name="frame"/>, renamed "site/camera".</summary>
    public void AddCameras(long frame, IReadOnlyList<CameraState> cameras)
    {
        var renamed = new CameraState[cameras.Count];
        for (var i = 0; i < renamed.Length; i++)
        {
            var copy = cameras[i].Clone();
            copy.Name = Name + "/" + copy.Name;
            renamed[i] = copy;
        }

        lock (_gate)
        {
            _ring[_next] = new Entry(frame, renamed);
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
            LastFrame = Math.Max(LastFrame, frame);
        }
    }

    /// <summary>The cameras to show at local frame <paramref name="frame"/> with delay <paramref name="delayFrames"/>:
    /// the newest state stamped for a frame ≤ frame − D; the last shown when none has come (late); marked stale (not
    /// valid) when the site is lost or the state is older than <paramref name="staleFrames"/> frames.</summary>
    public CameraState[] Select(long frame, int delayFrames, long staleFrames)
    {
        lock (_gate)
        {
            var target = frame - delayFrames;
            Entry? best = null;
            for (var i = 0; i < _count; i++)
            {
                var e = _ring[i]!;
                if (e.Frame <= target && (best is null || e.Frame > best.Frame))
                {
                    best = e;
                }
            }

            if (best is not null && (_shown is null || best.Frame >= _shown.Frame))
            {
                _shown = best;
            }

            var shown = _shown;
            if (shown is null)
            {
                return [];
            }

            return State == LinkStates.Lost || shown.Frame < target - staleFrames ? shown.Stale() : shown.Cameras;
        }
    }

    /// <summary>What was shown last (status), or nothing.</summary>
    public CameraState[] LastShown()
    {
        lock (_gate)
        {
            return _shown is null ? [] : State == LinkStates.Lost ? _shown.Stale() : _shown.Cameras;
        }
    }

    private sealed class Entry(long frame, CameraState[] cameras)
    {
        private CameraState[]? _stale;

        public long Frame { get; } = frame;

        public CameraState[] Cameras { get; } = cameras;

        public CameraState[] Stale()
        {
            if (_stale is null)
            {
                var stale = new CameraState[Cameras.Length];
                for (var i = 0; i < stale.Length; i++)
                {
                    var copy = Cameras[i].Clone();
                    copy.Valid = false;
                    copy.Stale = true;
                    stale[i] = copy;
                }

                _stale = stale;
            }

            return _stale;
        }
    }
}
