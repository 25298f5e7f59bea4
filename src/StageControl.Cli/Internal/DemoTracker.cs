// stagectl demo's simulated camera tracker: FreeD D1 along a CameraPath, into the coordinator's tracking port.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StageControl.Tracking.Rebroadcast;
using StageControl.Tracking.Simulator;

namespace StageControl.Cli.Internal;

/// <summary>
/// Sends the <see cref="CameraPathKind.Orbit"/> move as FreeD on its own thread: sample k leaves at start + k / rate
/// (drift-free, as <c>stagectl track send</c> schedules it), until stopped. Counts what it sent and what did not fit
/// FreeD's ranges.
/// </summary>
internal sealed class DemoTracker : IDisposable
{
    private readonly UdpPosePublisher _publisher;
    private readonly CameraPath _path = CameraPath.Create(CameraPathKind.Orbit);
    private readonly byte _cameraId;
    private readonly double _rateHz;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _sent;
    private long _unencodable;
    private long _failed;

    /// <summary>A tracker for FreeD camera <paramref name="cameraId"/> sending to <paramref name="destination"/>.</summary>
    public DemoTracker(IPEndPoint destination, byte cameraId, double rateHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rateHz, 0);
        _publisher = new UdpPosePublisher(destination);
        _cameraId = cameraId;
        _rateHz = rateHz;
        _thread = new Thread(Run) { IsBackground = true, Name = "demo tracker" };
    }

    /// <summary>Samples sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Samples outside FreeD's ranges (not sent).</summary>
    public long Unencodable => Interlocked.Read(ref _unencodable);

    /// <summary>Sends that failed at the socket.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Starts sending.</summary>
    public void Start() => _thread.Start();

    /// <summary>Stops sending and waits for the thread (bounded by one sample period).</summary>
    public void Stop()
    {
        _stop.Cancel();
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Stop();
        _publisher.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var token = _stop.Token;
        var start = Stopwatch.GetTimestamp();
        for (long k = 0; !token.IsCancellationRequested; k++)
        {
            // Drift-free: the k-th deadline is computed from the start, never from the previous send.
            var seconds = k / _rateHz;
            var wait = TimeSpan.FromSeconds(seconds) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero && token.WaitHandle.WaitOne(wait))
            {
                return;
            }

            var pose = PoseEncoding.FromSample(_path.Sample(seconds, Stopwatch.GetTimestamp(), _cameraId));
            try
            {
                if (_publisher.PublishFreeD(pose, _cameraId))
                {
                    Interlocked.Increment(ref _sent);
                }
                else
                {
                    Interlocked.Increment(ref _unencodable);
                }
            }
            catch (SocketException)
            {
                // Loopback UDP: a refused or full send is a lost sample, as on a real network; keep the schedule.
                Interlocked.Increment(ref _failed);
            }
        }
    }
}
