namespace StageControl.Coordinator.Frames;

/// <summary>
/// The frame barrier's bookkeeping, without sockets or clocks (shared/DESIGN.md "The frame cycle", steps 3–5):
/// which nodes are in the barrier, which are ready for the open frame, and the consequences of a deadline.
/// <list type="bullet">
/// <item><see cref="Join"/>: a node enters as Joining with its first frame; <see cref="BeginFrame"/> makes it Live when
/// that frame arrives.</item>
/// <item><see cref="OnReady"/> (any thread): records the node's FrameReady; one for the open frame before
/// <see cref="Close"/> is on time.</item>
/// <item><see cref="Close"/> (at the present): a Live node not ready counts a miss; <c>K</c> misses in a row make it
/// Lagging (out of the barrier, still cued and presented). A Lagging node's on-time FrameReady brings it back Live at
/// the next <see cref="BeginFrame"/>. For a Lagging node "on time" means before the frame's deadline, not before the
/// close: when every node is Lagging nothing holds the barrier open, the close follows the cue at once, and a
/// before-the-close rule would keep them out for ever.</item>
/// </list>
/// One lock guards everything (uncontended: the frame loop and one reader per node). Nothing allocates after
/// construction.
/// </summary>
internal sealed class FrameBarrier
{
    private readonly Lock _gate = new();
    private readonly Entry[] _nodes;
    private readonly int _maxMisses;

    // State changes found by BeginFrame/Close (frame-loop only), raised after the lock is released.
    private readonly (int Node, NodeBarrierState From, NodeBarrierState To)[] _changes;
    private int _changeCount;
    private long _openFrame = long.MinValue;
    private bool _open;
    private long _deadline = long.MinValue;
    private long _lastReadyTimestamp;

    /// <summary>A barrier for <paramref name="nodeCount"/> nodes (indices 0..n−1), all Offline.</summary>
    public FrameBarrier(int nodeCount, int maxConsecutiveMisses)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConsecutiveMisses, 1);
        _maxMisses = maxConsecutiveMisses;
        _nodes = new Entry[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            _nodes[i] = new Entry();
        }

        _changes = new (int, NodeBarrierState, NodeBarrierState)[nodeCount];
    }

    /// <summary>Raised (on the calling thread, outside the lock) when a node's state changes.</summary>
    public event Action<int, NodeBarrierState, NodeBarrierState>? StateChanged;

    /// <summary>Number of nodes.</summary>
    public int Count => _nodes.Length;

    /// <summary>K: misses in a row after which a node leaves the barrier.</summary>
    public int MaxConsecutiveMisses => _maxMisses;

    /// <summary>The frame open now (cued, not yet closed), or the last one closed.</summary>
    public long OpenFrame
    {
        get
        {
            lock (_gate)
            {
                return _openFrame;
            }
        }
    }

    /// <summary>A node's state.</summary>
    public NodeBarrierState StateOf(int node)
    {
        lock (_gate)
        {
            return _nodes[node].State;
        }
    }

    /// <summary>A node's figures (for status).</summary>
    public (NodeBarrierState State, long FramesReady, long FramesMissed, int ConsecutiveMisses, long FirstFrame) Figures(int node)
    {
        lock (_gate)
        {
            ref var n = ref _nodes[node];
            return (n.State, n.FramesReady, n.FramesMissed, n.ConsecutiveMisses, n.FirstFrame);
        }
    }

    /// <summary>Nodes in the barrier now.</summary>
    public int LiveCount
    {
        get
        {
            lock (_gate)
            {
                var live = 0;
                foreach (ref var n in _nodes.AsSpan())
                {
                    if (n.State == NodeBarrierState.Live)
                    {
                        live++;
                    }
                }

                return live;
            }
        }
    }

    /// <summary>A node (re)joins; it takes part from <paramref name="firstFrame"/> on.</summary>
    public void Join(int node, long firstFrame)
    {
        NodeBarrierState old;
        lock (_gate)
        {
            ref var n = ref _nodes[node];
            old = n.State;
            n.State = NodeBarrierState.Joining;
            n.FirstFrame = firstFrame;
            n.ConsecutiveMisses = 0;
            n.ReadyFrame = long.MinValue;
            n.OnTimeFrame = long.MinValue;
        }

        Raise(node, old, NodeBarrierState.Joining);
    }

    /// <summary>A node's stream ended.</summary>
    public void Leave(int node)
    {
        NodeBarrierState old;
        lock (_gate)
        {
            ref var n = ref _nodes[node];
            old = n.State;
            n.State = NodeBarrierState.Disconnected;
            n.ConsecutiveMisses = 0;
        }

        Raise(node, old, NodeBarrierState.Disconnected);
    }

    /// <summary>True when the node is connected and past its first frame (it gets cues and presents).</summary>
    public bool Receives(int node)
    {
        lock (_gate)
        {
            var state = _nodes[node].State;
            return state is NodeBarrierState.Live or NodeBarrierState.Lagging;
        }
    }

    /// <summary>Opens frame <paramref name="frame"/>: Joining nodes whose first frame has come become Live, Lagging
    /// nodes that were on time for an earlier frame come back. <paramref name="deadlineTimestamp"/> (Stopwatch ticks)
    /// is the frame's barrier deadline: a Lagging node's FrameReady stamped at or before it counts as on time even
    /// after the close. Returns the nodes expected.</summary>
    public int BeginFrame(long frame, long deadlineTimestamp = long.MinValue)
    {
        var expected = 0;
        lock (_gate)
        {
            _openFrame = frame;
            _open = true;
            _deadline = deadlineTimestamp;
            _lastReadyTimestamp = 0;
            for (var i = 0; i < _nodes.Length; i++)
            {
                ref var n = ref _nodes[i];
                if ((n.State == NodeBarrierState.Joining && frame >= n.FirstFrame)
                    || (n.State == NodeBarrierState.Lagging && n.OnTimeFrame > long.MinValue && n.OnTimeFrame < frame))
                {
                    _changes[_changeCount++] = (i, n.State, NodeBarrierState.Live);
                    n.State = NodeBarrierState.Live;
                    n.ConsecutiveMisses = 0;
                    n.OnTimeFrame = long.MinValue;
                }

                if (n.State == NodeBarrierState.Live)
                {
                    expected++;
                }
            }
        }

        RaiseChanges();
        return expected;
    }

    /// <summary>A node says it is ready for <paramref name="frame"/>, at <paramref name="timestamp"/> (Stopwatch ticks).
    /// Returns true when it is on time: for the open frame before the close, or (a Lagging node) for the last frame
    /// opened before that frame's deadline.</summary>
    public bool OnReady(int node, long frame, long timestamp)
    {
        lock (_gate)
        {
            ref var n = ref _nodes[node];
            if (frame > n.ReadyFrame)
            {
                n.ReadyFrame = frame;
            }

            var onTime = _open && frame == _openFrame;
            if (n.State == NodeBarrierState.Lagging)
            {
                onTime |= frame == _openFrame && timestamp <= _deadline;
                if (onTime)
                {
                    n.OnTimeFrame = frame;
                }
            }
            else if (onTime && n.State == NodeBarrierState.Live && timestamp > _lastReadyTimestamp)
            {
                _lastReadyTimestamp = timestamp;
            }

            return onTime;
        }
    }

    /// <summary>True when every Live node is ready for the open frame.</summary>
    public bool IsComplete()
    {
        lock (_gate)
        {
            foreach (ref var n in _nodes.AsSpan())
            {
                if (n.State == NodeBarrierState.Live && n.ReadyFrame < _openFrame)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Closes the open frame (the present goes out now): counts readies and misses, moves nodes that missed
    /// K deadlines in a row to Lagging.</summary>
    public FrameOutcome Close()
    {
        int ready = 0, expected = 0;
        var missed = false;
        long frame, lastReady;
        lock (_gate)
        {
            frame = _openFrame;
            lastReady = _lastReadyTimestamp;
            _open = false;
            for (var i = 0; i < _nodes.Length; i++)
            {
                ref var n = ref _nodes[i];
                if (n.State != NodeBarrierState.Live)
                {
                    continue;
                }

                expected++;
                if (n.ReadyFrame >= frame)
                {
                    ready++;
                    n.FramesReady++;
                    n.ConsecutiveMisses = 0;
                    continue;
                }

                missed = true;
                n.FramesMissed++;
                n.ConsecutiveMisses++;
                if (n.ConsecutiveMisses >= _maxMisses)
                {
                    _changes[_changeCount++] = (i, NodeBarrierState.Live, NodeBarrierState.Lagging);
                    n.State = NodeBarrierState.Lagging;
                    n.OnTimeFrame = long.MinValue;
                }
            }
        }

        RaiseChanges();
        return new FrameOutcome(frame, ready, expected, missed, lastReady);
    }

    private void RaiseChanges()
    {
        var count = _changeCount;
        _changeCount = 0;
        for (var i = 0; i < count; i++)
        {
            var (node, from, to) = _changes[i];
            Raise(node, from, to);
        }
    }

    private void Raise(int node, NodeBarrierState from, NodeBarrierState to)
    {
        if (from != to)
        {
            StateChanged?.Invoke(node, from, to);
        }
    }

    private struct Entry
    {
        public NodeBarrierState State;
        public long FirstFrame;
        public long ReadyFrame;
        public long OnTimeFrame;
        public int ConsecutiveMisses;
        public long FramesReady;
        public long FramesMissed;

        public Entry()
        {
            State = NodeBarrierState.Offline;
            ReadyFrame = long.MinValue;
            OnTimeFrame = long.MinValue;
        }
    }
}
