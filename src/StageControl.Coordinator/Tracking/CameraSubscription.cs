using System.Threading.Channels;
using StageControl.Coordinator.Frames;

namespace StageControl.Coordinator.Tracking;

/// <summary>One StreamCameras reader: a latest-wins slot per camera and a wake-up signal.</summary>
internal sealed class CameraSubscription : IDisposable
{
    private readonly CameraHub _hub;
    private readonly bool[] _wanted;
    private readonly PoseItem?[] _slots;
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    internal CameraSubscription(CameraHub hub, bool[] wanted, int cameras)
    {
        _hub = hub;
        _wanted = wanted;
        _slots = new PoseItem?[cameras];
    }

    /// <summary>Stores the newest state of a wanted camera.</summary>
    public void Post(PoseItem item)
    {
        if (_wanted[item.CameraIndex])
        {
            Volatile.Write(ref _slots[item.CameraIndex], item);
            _signal.Writer.TryWrite(true);
        }
    }

    /// <summary>Waits until some slot was written.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _signal.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Clears the wake-up signal (call before taking slots).</summary>
    public void Acknowledge() => _signal.Reader.TryRead(out _);

    /// <summary>Takes the newest state of camera <paramref name="index"/>, or null.</summary>
    public PoseItem? Take(int index) => Interlocked.Exchange(ref _slots[index], null);

    /// <summary>Puts an item back (rate limiting: it was not due yet), unless a newer one arrived meanwhile.</summary>
    public void PutBack(PoseItem item) => Interlocked.CompareExchange(ref _slots[item.CameraIndex], item, null);

    /// <summary>Number of cameras.</summary>
    public int Count => _slots.Length;

    /// <inheritdoc/>
    public void Dispose() => _hub.Unsubscribe(this);
}
