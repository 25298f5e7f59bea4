// Writes presented frames to disk off the render thread and off the session: PNG per panel (+ preview), snapshots,
// raw stream. One capture buffer set; a frame that finds the writer busy is dropped and counted.
using System.Diagnostics;
using StageControl.Core.IO;
using StageControl.Render;
using StageControl.Render.Output;

namespace StageControl.Node.Output;

/// <summary>
/// The node's outputs. The render loop calls <see cref="Capture"/> after each frame: when the frame is wanted (a PNG is
/// due, it is a snapshot frame, or a raw stream is open) and the writer is idle, its pixels are copied into the
/// writer's buffers. The session reader calls <see cref="OnPresented"/> for a Present of the node's frame: a captured
/// frame is then handed to the writer task, which encodes and writes while the node renders on. A wanted frame that
/// finds the writer still busy is dropped and counted (the writer never holds up the session).
/// <code>
/// DIR/&lt;node&gt;/&lt;panel id&gt;.png            newest presented frame, rewritten atomically every PngInterval
/// DIR/&lt;node&gt;/preview/&lt;panel id&gt;.png    the same, box-downscaled to PreviewMaxSide
/// DIR/frames/&lt;frame&gt;/&lt;panel id&gt;.png     presented frames with frame % K == 0 (K = SnapshotEvery)
/// RAW, RAW.&lt;w&gt;x&lt;h&gt;                      RawFrameWriter streams of every presented frame, one per panel size
/// </code>
/// Panel ids such as <c>main/c07r05</c> become sub-folders (<see cref="PanelPaths"/>).
/// </summary>
internal sealed class NodeOutputWriter : IAsyncDisposable
{
    private readonly NodeRuntimeOptions _options;
    private readonly Action<string> _log;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _work = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private readonly Dictionary<(int Width, int Height), RawFrameWriter> _raw = [];
    private Layout? _layout;
    private long _capturedFrame = -1;
    private long _presentPending = -1;
    private bool _capturing;
    private bool _writing;
    private Job _job;
    private Job _dispatched;
    private long _lastPngTimestamp;
    private long _dropped;
    private long _written;
    private long _errors;

    public NodeOutputWriter(NodeRuntimeOptions options, Action<string> log)
    {
        _options = options;
        _log = log;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>True when the options ask for any output.</summary>
    public static bool IsWanted(NodeRuntimeOptions options) => options.OutputDirectory is not null || options.RawPath is not null;

    /// <summary>Presented frames dropped because the writer was behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Presented frames handed to the writer.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Failed writes.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Sets the panels (after each renderer creation): allocates one buffer per panel.</summary>
    public void Configure(IReadOnlyList<PanelImage> panels)
    {
        var layout = new Layout(panels.Count);
        for (var i = 0; i < panels.Count; i++)
        {
            var image = panels[i];
            layout.Ids[i] = image.Panel.Id;
            layout.Paths[i] = PanelPaths.RelativePng(image.Panel.Id);
            layout.Widths[i] = image.Width;
            layout.Heights[i] = image.Height;
            layout.Buffers[i] = new byte[image.Width * image.Height * 4];
        }

        lock (_gate)
        {
            // A frame of the old layout that is being written keeps its own arrays (the job holds them).
            _layout = layout;
            _capturedFrame = -1;
            _presentPending = -1;
        }
    }

    /// <summary>Render loop, after frame <paramref name="frame"/>: copies it for output when it is wanted and the
    /// writer is idle.</summary>
    public void Capture(RenderedFrame frame)
    {
        var index = frame.FrameIndex;
        var now = Stopwatch.GetTimestamp();
        var png = _options.OutputDirectory is not null &&
            (_lastPngTimestamp == 0 || Stopwatch.GetElapsedTime(_lastPngTimestamp, now) >= _options.PngInterval);
        var snapshot = _options.OutputDirectory is not null && _options.SnapshotEvery > 0 && index % _options.SnapshotEvery == 0;
        var raw = _options.RawPath is not null;
        if (!png && !snapshot && !raw)
        {
            return;
        }

        Layout layout;
        lock (_gate)
        {
            if (_writing || _layout is null || _layout.Buffers.Length != frame.Panels.Count)
            {
                // Counted as dropped only if this frame is presented (OnPresented sees no capture of it).
                _capturedFrame = -1;
                _job = new Job(index, png, snapshot, raw, null);
                return;
            }

            _capturing = true;
            _capturedFrame = -1;
            layout = _layout;
        }

        for (var i = 0; i < layout.Buffers.Length; i++)
        {
            frame.Panels[i].Pixels.Span.CopyTo(layout.Buffers[i]);
        }

        lock (_gate)
        {
            _capturing = false;
            _capturedFrame = index;
            _job = new Job(index, png, snapshot, raw, layout);
            if (_presentPending == index)
            {
                Dispatch();
            }
        }
    }

    /// <summary>Session reader: the coordinator presented <paramref name="frame"/>, which this node rendered.</summary>
    public void OnPresented(long frame)
    {
        lock (_gate)
        {
            if (_capturedFrame == frame && !_writing)
            {
                Dispatch();
                return;
            }

            if (_capturing)
            {
                // Capture is copying this frame right now; it dispatches when done.
                _presentPending = frame;
                return;
            }

            if (_job.Frame == frame && _job.Layout is null)
            {
                Interlocked.Increment(ref _dropped);
                NodeTelemetry.OutputsDropped.Add(1);
            }
        }
    }

    private void Dispatch()
    {
        // Under _gate.
        _presentPending = -1;
        _capturedFrame = -1;
        _writing = true;
        _dispatched = _job;
        if (_job.Png)
        {
            _lastPngTimestamp = Stopwatch.GetTimestamp();
        }

        Interlocked.Increment(ref _written);
        _work.Release();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                await _work.WaitAsync(_stop.Token).ConfigureAwait(false);
                Job job;
                lock (_gate)
                {
                    job = _dispatched;
                }

                try
                {
                    Write(job);
                }
                finally
                {
                    lock (_gate)
                    {
                        _writing = false;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Write(Job job)
    {
        var layout = job.Layout!;
        var node = PanelPaths.Segment(_options.Name);
        var dir = _options.OutputDirectory;
        for (var i = 0; i < layout.Buffers.Length; i++)
        {
            var pixels = layout.Buffers[i];
            int w = layout.Widths[i], h = layout.Heights[i];
            if (dir is not null && (job.Png || job.Snapshot))
            {
                Try(() =>
                {
                    var png = PngEncoder.Encode(pixels, w, h, bottomUp: true, includeAlpha: false);
                    if (job.Png)
                    {
                        AtomicFile.Write(Path.Combine(dir, node, layout.Paths[i]), s => s.Write(png));
                        WritePreview(Path.Combine(dir, node, "preview", layout.Paths[i]), pixels, w, h);
                    }

                    if (job.Snapshot)
                    {
                        var snapshot = Path.Combine(dir, "frames", job.Frame.ToString(System.Globalization.CultureInfo.InvariantCulture), layout.Paths[i]);
                        AtomicFile.Write(snapshot, s => s.Write(png));
                    }
                }, layout.Ids[i]);
            }

            if (job.Raw)
            {
                Try(() => RawFor(w, h).WriteFrame(job.Frame, i, pixels), layout.Ids[i]);
            }
        }

        foreach (var raw in _raw.Values)
        {
            Try(raw.Flush, "raw stream");
        }
    }

    private void WritePreview(string path, byte[] pixels, int width, int height)
    {
        var side = Math.Max(1, _options.PreviewMaxSide);
        var factor = Math.Max(1, (Math.Max(width, height) + side - 1) / side);
        var w = (width + factor - 1) / factor;
        var h = (height + factor - 1) / factor;
        var small = new byte[w * h * 4];
        ImageOps.BoxDownscale(pixels, width, height, factor, small);
        var png = PngEncoder.Encode(small, w, h, bottomUp: true, includeAlpha: false);
        AtomicFile.Write(path, s => s.Write(png));
    }

    private RawFrameWriter RawFor(int width, int height)
    {
        if (!_raw.TryGetValue((width, height), out var writer))
        {
            var path = _raw.Count == 0
                ? _options.RawPath!
                : _options.RawPath + FormattableString.Invariant($".{width}x{height}");
            writer = RawFrameWriter.Create(path, width, height);
            _raw[(width, height)] = writer;
            _log($"raw frames {width}x{height} → {path}");
        }

        return writer;
    }

    private void Try(Action write, string what)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var n = Interlocked.Increment(ref _errors);
            NodeTelemetry.OutputErrors.Add(1);
            if (n == 1 || n % 100 == 0)
            {
                _log(FormattableString.Invariant($"output error #{n} ({what}): {e.Message}"));
            }
        }
    }

    /// <summary>Finishes the frame being written, then closes the raw streams.</summary>
    public async ValueTask DisposeAsync()
    {
        // Let a dispatched frame finish.
        for (var i = 0; i < 500; i++)
        {
            lock (_gate)
            {
                if (!_writing)
                {
                    break;
                }
            }

            await Task.Delay(10).ConfigureAwait(false);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        foreach (var raw in _raw.Values)
        {
            Try(raw.Dispose, "raw stream");
        }

        _stop.Dispose();
        _work.Dispose();
    }

    private readonly record struct Job(long Frame, bool Png, bool Snapshot, bool Raw, Layout? Layout);

    private sealed class Layout(int count)
    {
        public string[] Ids { get; } = new string[count];

        public string[] Paths { get; } = new string[count];

        public int[] Widths { get; } = new int[count];

        public int[] Heights { get; } = new int[count];

        public byte[][] Buffers { get; } = new byte[count][];
    }
}
