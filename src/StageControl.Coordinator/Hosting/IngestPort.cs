using StageControl.Coordinator.Tracking;
using StageControl.Tracking;
using StageControl.Tracking.Ingest;

namespace StageControl.Coordinator.Hosting;

/// <summary>
/// One tracking UDP port: its socket, its <see cref="TrackingIngest"/>, and the hook (the ingest's
/// <see cref="LatestSampleSlots.Observer"/>) that routes each sample to the cameras tracked on this port by camera id
/// (FreeD id 255 in the config takes any camera on the port).
/// </summary>
internal sealed class IngestPort : ISampleSink, IDisposable
{
    private readonly CameraHub _hub;
    private readonly (int CameraId, int Index)[] _cameras;

    /// <summary>Wires an ingest on <paramref name="source"/> to <paramref name="cameras"/> of <paramref name="hub"/>.</summary>
    public IngestPort(UdpDatagramSource source, TrackingIngestOptions options, string protocol, CameraHub hub, (int CameraId, int Index)[] cameras)
    {
        _hub = hub;
        _cameras = cameras;
        Source = source;
        Protocol = protocol;
        var latest = new LatestSampleSlots { Observer = this };
        Ingest = new TrackingIngest(source, options, latest);
    }

    /// <summary>The socket.</summary>
    public UdpDatagramSource Source { get; }

    /// <summary>The ingest.</summary>
    public TrackingIngest Ingest { get; }

    /// <summary>"freed", "osc" or "opentrackio".</summary>
    public string Protocol { get; }

    /// <summary>The bound port.</summary>
    public int Port => Source.LocalEndPoint.Port;

    /// <summary>The running ingest, once started.</summary>
    public Task? Running { get; set; }

    /// <inheritdoc/>
    public void OnSample(in TrackingSample sample, int sourceIndex)
    {
        foreach (var (cameraId, index) in _cameras)
        {
            if (cameraId == sample.CameraId || cameraId == StageControl.Tracking.FreeD.FreeDSample.AnyCamera)
            {
                _hub.OnSample(index, sample);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Source.Dispose();
}
