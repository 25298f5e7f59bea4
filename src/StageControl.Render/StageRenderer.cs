// The render backend's public face (issue 5): per-panel outer + inner frustum rendering for a render node.
using System.Diagnostics;
using StageControl.Core.Geometry;
using StageControl.Core.Projection;
using StageControl.Core.Stage;
using StageControl.Render.Gl;
using StageControl.Render.Scenes;

namespace StageControl.Render;

/// <summary>
/// Renders a set of LED panels (a node's share of the wall) at their own pixel resolution, headless, on a dedicated
/// render thread that owns an EGL/OpenGL context.
/// <para>
/// Per panel and frame: the <b>outer frustum</b> is the scene through the panel's Kooima projection (P·Mᵀ·T, GL depth,
/// shared/notes/math.md §2) from the fixed <see cref="RenderOptions.OuterEye"/>; when the operator's active camera is
/// valid and its frustum covers the panel (<see cref="InnerFrustum.Cover"/>), the <b>inner frustum</b> is the scene
/// through the same panel's Kooima projection from the camera's entrance pupil, composited only where the LED pixel's
/// stage position falls inside the camera's frustum with overscan (math.md §3.2, nDisplay's per-pixel test), blended by
/// the soft edge, or replaced by the chroma-key fill. Flat panels, curved-wall chords and ceiling panels are all flat
/// quads here. Pixels are read back (glReadPixels, RGBA8) into buffers the renderer owns (no per-frame allocation).
/// </para>
/// <example>
/// A render node (cue → render → ready → present):
/// <code>
/// using var renderer = StageRenderer.ForNode(config, "node-1", new DefaultScene(), new RenderOptions { Log = log });
/// // per FrameCue: cameras from CameraState (position = entrance pupil, orientation, fovs), operator from OperatorState
/// var frame = renderer.RenderFrame(cue.Frame, cameras, new OperatorState(op.ActiveCamera, op.OverscanPct, op.SoftEdge, op.Freeze, key));
/// foreach (var panel in frame.Panels) { /* panel.Panel.Id, panel.Pixels (RGBA8, bottom row first) */ }
/// </code>
/// </example>
/// </summary>
public sealed class StageRenderer : IDisposable, IAsyncDisposable
{
    private readonly RenderThread _thread;
    private readonly GlBackend _backend;
    private readonly IScene _scene;
    private readonly Slot[] _slots;
    private readonly RenderedFrame _frame;
    private readonly double[] _matrix = new double[16];
    private readonly double[] _cameraMatrix = new double[16];
    private RenderCamera? _frozenCamera;
    private int _disposed;

    private StageRenderer(RenderThread thread, GlBackend backend, IScene scene, Slot[] slots, IReadOnlyList<PanelQuad> panels, RenderOptions options)
    {
        _thread = thread;
        _backend = backend;
        _scene = scene;
        _slots = slots;
        Panels = panels;
        Options = options;
        var images = new PanelImage[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            images[i] = slots[i].Image;
        }

        _frame = new RenderedFrame(images);
    }

    /// <summary>What the backend runs on.</summary>
    public RendererInfo Info => _backend.Info;

    /// <summary>The panels, in output order.</summary>
    public IReadOnlyList<PanelQuad> Panels { get; }

    /// <summary>The options in use.</summary>
    public RenderOptions Options { get; }

    /// <summary>
    /// Starts a render thread, creates the context (EGL device → surfaceless → default display), uploads the scene and
    /// the panels' framebuffers. Throws <see cref="ArgumentException"/> when a panel is degenerate or does not face the
    /// outer eye, and <see cref="GraphicsException"/> when EGL/GL cannot start (with the install hint) or a GPU was
    /// required and the renderer is a software one.
    /// </summary>
    public static StageRenderer Create(IReadOnlyList<PanelQuad> panels, IScene scene, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentNullException.ThrowIfNull(scene);
        options ??= new RenderOptions();
        if (!(options.Near > 0) || !(options.Far > options.Near) || !double.IsFinite(options.Far))
        {
            throw new ArgumentException("RenderOptions: need 0 < Near < Far (finite).", nameof(options));
        }

        var slots = new Slot[panels.Count];
        var matrix = new double[16];
        for (var i = 0; i < panels.Count; i++)
        {
            var quad = panels[i] ?? throw new ArgumentException($"Panel {i} is null.", nameof(panels));
            if (quad.PixelsX < 1 || quad.PixelsY < 1)
            {
                throw new ArgumentException($"Panel {quad.Id} has no pixels ({quad.PixelsX}×{quad.PixelsY}).", nameof(panels));
            }

            if (!KooimaScreen.TryFromPanel(quad, out var screen, out var error))
            {
                throw new ArgumentException($"Panel {quad.Id}: {error.Describe()}.", nameof(panels));
            }

            if (!screen!.TryWriteProjection(options.OuterEye, options.Near, options.Far, DepthRange.MinusOneToOne, matrix, out _, out error))
            {
                throw new ArgumentException($"Panel {quad.Id} cannot be projected from the outer eye {options.OuterEye}: {error.Describe()}.", nameof(panels));
            }

            var slot = new Slot(quad, screen, new PanelImage(quad));
            PanelPass.ToColumnMajor(matrix, slot.Pass.OuterViewProjection);
            slot.Pass.OuterEye = options.OuterEye.ToVector3();
            slot.Pass.Width = quad.PixelsX;
            slot.Pass.Height = quad.PixelsY;
            slot.Pass.Corner = quad.LowerLeft.ToVector3();
            slot.Pass.EdgeU = (quad.LowerRight - quad.LowerLeft).ToVector3();
            slot.Pass.EdgeV = (quad.UpperLeft - quad.LowerLeft).ToVector3();
            slots[i] = slot;
        }

        var thread = new RenderThread("StageControl.Render");
        try
        {
            var backend = thread.Invoke(() =>
            {
                var b = GlBackend.Create(scene.Content, options);
                try
                {
                    foreach (var slot in slots)
                    {
                        b.Renderer.Prepare(slot.Pass.Width, slot.Pass.Height);
                    }
                }
                catch
                {
                    b.Dispose();
                    throw;
                }

                return b;
            });
            return new StageRenderer(thread, backend, scene, slots, panels, options);
        }
        catch
        {
            thread.Dispose();
            throw;
        }
    }

    /// <summary>A renderer for the panels one node of a stage config drives.</summary>
    public static StageRenderer ForNode(StageConfig config, string nodeName, IScene scene, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var panels = config.PanelsOf(nodeName);
        if (panels.Count == 0)
        {
            throw new ArgumentException($"The stage '{config.Name}' has no node named '{nodeName}' (or it drives no panels).", nameof(nodeName));
        }

        var quads = new PanelQuad[panels.Count];
        for (var i = 0; i < quads.Length; i++)
        {
            quads[i] = panels[i].Quad;
        }

        return Create(quads, scene, options);
    }

    /// <summary>
    /// Renders frame <paramref name="frameIndex"/> on every panel and returns the pixels (blocking the caller until the
    /// render thread is done). The returned object and its buffers are reused by the next call.
    /// </summary>
    public RenderedFrame RenderFrame(long frameIndex, IReadOnlyList<RenderCamera> cameras, OperatorState operatorState)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _thread.Invoke(() => RenderFrameCore(frameIndex, cameras, operatorState));
    }

    /// <summary>The asynchronous form of <see cref="RenderFrame"/>; the continuation never runs on the render thread.</summary>
    public Task<RenderedFrame> RenderFrameAsync(long frameIndex, IReadOnlyList<RenderCamera> cameras, OperatorState operatorState,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        return _thread.InvokeAsync(() => RenderFrameCore(frameIndex, cameras, operatorState));
    }

    /// <summary>
    /// Renders one panel into a caller-owned buffer (RGBA8, bottom row first, at least width × height × 4 bytes).
    /// </summary>
    public void RenderPanel(int panelIndex, long frameIndex, IReadOnlyList<RenderCamera> cameras, OperatorState operatorState, Memory<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentOutOfRangeException.ThrowIfNegative(panelIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(panelIndex, _slots.Length);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        _thread.Invoke(() =>
        {
            RenderPanelCore(panelIndex, frameIndex, cameras, operatorState, destination.Span);
            return true;
        });
    }

    /// <summary>One panel on the render thread; an empty destination skips the read-back.</summary>
    internal void RenderPanelCore(int panelIndex, long frameIndex, IReadOnlyList<RenderCamera> cameras, OperatorState operatorState, Span<byte> destination)
    {
        _scene.Update(frameIndex);
        var inner = ResolveInner(cameras, operatorState, out var frustum);
        RenderSlot(_slots[panelIndex], inner, frustum, operatorState, destination);
    }

    /// <summary>The GL renderer (benchmarks: clear-only baseline, glFinish); render thread only.</summary>
    internal GlStageRenderer Backend => _backend.Renderer;

    /// <summary>The GL table (tests: error mapping; call only through <see cref="OnRenderThread{T}"/>).</summary>
    internal GL Gl => _backend.Gl;

    /// <summary>Runs <paramref name="work"/> on the render thread (tests: allocation checks of the frame path).</summary>
    internal T OnRenderThread<T>(Func<T> work) => _thread.Invoke(work);

    /// <summary>The frame path; runs on the render thread and allocates nothing.</summary>
    internal RenderedFrame RenderFrameCore(long frameIndex, IReadOnlyList<RenderCamera> cameras, OperatorState operatorState)
    {
        using var activity = RenderTelemetry.Source.StartActivity("render.frame");
        var started = Stopwatch.GetTimestamp();
        _backend.Renderer.ReadbackTicks = 0;
        try
        {
            _scene.Update(frameIndex);
            var inner = ResolveInner(cameras, operatorState, out var frustum);
            foreach (var slot in _slots)
            {
                RenderSlot(slot, inner, frustum, operatorState, slot.Image.Buffer);
            }
        }
        catch
        {
            RenderTelemetry.Errors.Add(1);
            throw;
        }

        var elapsed = Stopwatch.GetTimestamp() - started;
        var readback = _backend.Renderer.ReadbackTicks;
        _frame.FrameIndex = frameIndex;
        _frame.ReadbackTime = Stopwatch.GetElapsedTime(0, readback);
        _frame.RenderTime = Stopwatch.GetElapsedTime(0, elapsed - readback);
        RenderTelemetry.Frames.Add(1);
        RenderTelemetry.Panels.Add(_slots.Length);
        RenderTelemetry.FrameDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return _frame;
    }

    /// <summary>The active camera's frustum with overscan for this frame, honouring freeze; false when none is drawn.</summary>
    private bool ResolveInner(IReadOnlyList<RenderCamera> cameras, OperatorState op, out InnerFrustum frustum)
    {
        frustum = default;
        RenderCamera? camera = null;
        if (op.ActiveCamera is { } name)
        {
            for (var i = 0; i < cameras.Count; i++)
            {
                if (string.Equals(cameras[i].Name, name, StringComparison.Ordinal))
                {
                    camera = cameras[i];
                    break;
                }
            }
        }

        // Freeze latches the pose seen when it began; the outer frustum and the scene go on.
        if (op.Freeze)
        {
            _frozenCamera ??= camera;
            camera = _frozenCamera;
        }
        else
        {
            _frozenCamera = null;
        }

        if (camera is not { Valid: true })
        {
            return false;
        }

        var tangents = Overscan.Uniform(camera.Tangents, op.OverscanPercent);
        var pose = new CameraPose(camera.Pupil, camera.Orientation);
        if (!InnerFrustum.TryCreate(pose, tangents, out frustum, out _) ||
            !frustum.TryWriteViewProjection(Options.Near, Options.Far, DepthRange.MinusOneToOne, _cameraMatrix, out _))
        {
            return false;
        }

        return true;
    }

    private void RenderSlot(Slot slot, bool inner, in InnerFrustum frustum, OperatorState op, Span<byte> destination)
    {
        var pass = slot.Pass;
        pass.HasInner = false;
        if (inner)
        {
            var coverage = frustum.Cover(slot.Quad);
            if (coverage.Covered &&
                slot.Screen.TryWriteProjection(frustum.Pupil, Options.Near, Options.Far, DepthRange.MinusOneToOne, _matrix, out _, out _))
            {
                PanelPass.ToColumnMajor(_matrix, pass.InnerViewProjection);
                PanelPass.ToColumnMajor(_cameraMatrix, pass.CameraViewProjection);
                pass.InnerEye = frustum.Pupil.ToVector3();
                var r = coverage.Pixels;
                pass.InnerRect = new PixelRect(
                    Math.Max(0, r.X0 - 1), Math.Max(0, r.Y0 - 1), Math.Min(pass.Width, r.X1 + 1), Math.Min(pass.Height, r.Y1 + 1));
                pass.SoftEdge = (float)Math.Clamp(op.SoftEdge, 0, 0.5);
                pass.ChromaKey = op.ChromaKey;
                pass.HasInner = !pass.InnerRect.IsEmpty;
            }
        }

        _backend.Renderer.RenderPanel(pass, destination);
        slot.Image.HasInner = pass.HasInner;
        if (pass.HasInner)
        {
            RenderTelemetry.InnerPanels.Add(1);
        }
    }

    /// <summary>Releases the GL objects and the context on the render thread, then ends the thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _thread.Invoke(() =>
            {
                _backend.Dispose();
                return true;
            });
        }
        finally
        {
            _thread.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Slot(PanelQuad quad, KooimaScreen screen, PanelImage image)
    {
        public PanelQuad Quad { get; } = quad;

        public KooimaScreen Screen { get; } = screen;

        public PanelImage Image { get; } = image;

        public PanelPass Pass { get; } = new();
    }
}
