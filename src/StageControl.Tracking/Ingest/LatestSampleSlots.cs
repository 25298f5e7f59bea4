namespace StageControl.Tracking.Ingest;

/// <summary>
/// Latest-wins hand-off of samples (shared/STYLE.md "I/O layer": back-pressure has no meaning for real-time
/// tracking): one slot per camera id, overwritten by each new sample, never queued. The reader loop writes; any thread
/// reads. A slot is guarded by its own lock (uncontended: one writer, rare readers), because a
/// <see cref="TrackingSample"/> is too large to copy atomically. Capacity is fixed; samples of cameras beyond it are
/// counted in <see cref="Overflow"/> and dropped.
/// </summary>
public sealed class LatestSampleSlots : ISampleSink
{
    private readonly Slot[] _slots;
    private int _count;
    private long _overflow;

    /// <summary>Slots for up to <paramref name="capacity"/> cameras.</summary>
    public LatestSampleSlots(int capacity = 64)
    {
        _slots = new Slot[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _slots[i] = new Slot();
        }
    }

    /// <summary>Optional observer called after each store (benchmarks, re-broadcast); on the reader loop.</summary>
    public ISampleSink? Observer { get; set; }

    /// <summary>Samples dropped because every slot was taken by another camera.</summary>
    public long Overflow => Volatile.Read(ref _overflow);

    /// <summary>Cameras seen so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc/>
    public void OnSample(in TrackingSample sample, int sourceIndex)
    {
        var slot = Find(sample.CameraId);
        if (slot is null)
        {
            var count = _count;
            if (count == _slots.Length)
            {
                _overflow++;
                return;
            }

            slot = _slots[count];
            lock (slot)
            {
                slot.CameraId = sample.CameraId;
            }

            Volatile.Write(ref _count, count + 1);
        }

        lock (slot)
        {
            slot.Sample = sample;
            slot.SourceIndex = sourceIndex;
            slot.Version++;
        }

        Observer?.OnSample(sample, sourceIndex);
    }

    /// <summary>The latest sample of <paramref name="cameraId"/>, with its version (how many samples that camera has had).</summary>
    public bool TryGetLatest(int cameraId, out TrackingSample sample, out long version)
    {
        var slot = Find(cameraId);
        if (slot is null)
        {
            sample = default;
            version = 0;
            return false;
        }

        lock (slot)
        {
            sample = slot.Sample;
            version = slot.Version;
        }

        return true;
    }

    /// <summary>The latest sample of every camera seen, in order of first appearance (allocates; for displays).</summary>
    public IReadOnlyList<(TrackingSample Sample, int SourceIndex, long Version)> Snapshot()
    {
        var count = Count;
        var list = new List<(TrackingSample, int, long)>(count);
        for (var i = 0; i < count; i++)
        {
            var slot = _slots[i];
            lock (slot)
            {
                list.Add((slot.Sample, slot.SourceIndex, slot.Version));
            }
        }

        return list;
    }

    private Slot? Find(int cameraId)
    {
        var count = Volatile.Read(ref _count);
        for (var i = 0; i < count; i++)
        {
            if (_slots[i].CameraId == cameraId)
            {
                return _slots[i];
            }
        }

        return null;
    }

    private sealed class Slot
    {
        public int CameraId;
        public TrackingSample Sample;
        public int SourceIndex;
        public long Version;
    }
}
