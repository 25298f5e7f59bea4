using System.Globalization;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Operator;

/// <summary>
/// The DoP's live controls (protos/stagecontrol/v1/operator.proto): validation, versioning and the frame from which a
/// change applies. States are immutable once published: a change builds a new <see cref="OperatorState"/>, so the
/// frame loop and the node writers can share one without copying. The frame loop asks <see cref="ForFrame"/> which
/// state is in force for a frame: the newest one when its <c>applies_from_frame</c> has come, otherwise the one before.
/// </summary>
internal sealed class OperatorControls
{
    /// <summary>Largest overscan, percent.</summary>
    public const double MaxOverscanPct = 100;

    /// <summary>Largest soft edge (fraction of the smaller half-extent).</summary>
    public const double MaxSoftEdge = 0.5;

    /// <summary>Largest |delay offset|, ms.</summary>
    public const double MaxDelayOffsetMs = 1000;

    private readonly Lock _gate = new();
    private readonly IReadOnlyList<string> _cameras;
    private OperatorState _current;
    private OperatorState _previous;

    /// <summary>Controls for a stage with <paramref name="cameras"/>; the first camera is active, everything else off.</summary>
    public OperatorControls(IReadOnlyList<string> cameras)
    {
        _cameras = cameras;
        _current = new OperatorState
        {
            ActiveCamera = cameras.Count > 0 ? cameras[0] : string.Empty,
            ChromaKey = new ChromaKey(),
            AppliesFromFrame = long.MinValue,
            Version = 1,
        };
        _previous = _current;
    }

    /// <summary>The linked sites' cameras ("site/camera", as relayed D frames late), which can be the live camera too: a
    /// remote site's wall then shows the primary's tracked camera frame-aligned. Null when this stage is not federated.</summary>
    public Func<IReadOnlyList<string>>? RemoteCameras { get; set; }

    /// <summary>Raised after every accepted change (outside the lock), on the caller's thread: the state store saves it.</summary>
    public event Action? Changed;

    /// <summary>The newest state (shared; do not modify).</summary>
    public OperatorState Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>The state in force for <paramref name="frame"/> (shared; do not modify).</summary>
    public OperatorState ForFrame(long frame)
    {
        lock (_gate)
        {
            return _current.AppliesFromFrame <= frame ? _current : _previous;
        }
    }

    /// <summary>
    /// Applies the fields set in <paramref name="request"/> from <paramref name="nextFrame"/> on. Throws
    /// <see cref="RpcException"/>: INVALID_ARGUMENT naming the field for a bad value (nothing is applied),
    /// FAILED_PRECONDITION when <c>expected_version</c> is set and differs from the current version.
    /// </summary>
    public OperatorState Set(SetControlsRequest request, long nextFrame)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        OperatorState next;
        lock (_gate)
        {
            if (request.ExpectedVersion != 0 && request.ExpectedVersion != _current.Version)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, string.Create(CultureInfo.InvariantCulture,
                    $"expected_version: the controls are at version {_current.Version}, not {request.ExpectedVersion}")));
            }

            next = _current.Clone();
            if (request.HasActiveCamera)
            {
                next.ActiveCamera = request.ActiveCamera;
            }

            if (request.HasOverscanPct)
            {
                next.OverscanPct = request.OverscanPct;
            }

            if (request.HasSoftEdge)
            {
                next.SoftEdge = request.SoftEdge;
            }

            if (request.HasDelayOffsetMs)
            {
                next.DelayOffsetMs = request.DelayOffsetMs;
            }

            if (request.HasFreeze)
            {
                if (request.Freeze && !_current.Freeze)
                {
                    next.FrozenAtFrame = nextFrame;
                }

                next.Freeze = request.Freeze;
                if (!request.Freeze)
                {
                    next.FrozenAtFrame = 0;
                }
            }

            if (request.ChromaKey is not null)
            {
                next.ChromaKey = request.ChromaKey.Clone();
            }

            next.AppliesFromFrame = nextFrame;
            next.Version = _current.Version + 1;

            // The state that was in force until now stays available for frames before nextFrame.
            _previous = _current.AppliesFromFrame < nextFrame ? _current : _previous;
            _current = next;
        }

        Changed?.Invoke();
        return next;
    }

    /// <summary>Puts a state read at start in force from the first frame (its version continues; no
    /// <see cref="Changed"/>). The caller has checked its values.</summary>
    public void Restore(OperatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var restored = state.Clone();
        restored.AppliesFromFrame = long.MinValue;
        lock (_gate)
        {
            _current = restored;
            _previous = restored;
        }
    }

    private void Validate(SetControlsRequest request)
    {
        if (request.HasActiveCamera && Collaboration.CollaboratorStore.IsAnyVirtualCameraName(request.ActiveCamera))
        {
            Invalid($"active_camera: '{request.ActiveCamera}' is a collaborator's virtual camera and can never be the live camera; the stage has {Known(_cameras, RemoteCameras?.Invoke())}");
        }

        if (request.HasActiveCamera && !Contains(_cameras, request.ActiveCamera))
        {
            var remote = RemoteCameras?.Invoke();
            if (remote is null || !Contains(remote, request.ActiveCamera))
            {
                Invalid($"active_camera: unknown camera '{request.ActiveCamera}'; the stage has {Known(_cameras, remote)}");
            }
        }

        if (request.HasOverscanPct && !(request.OverscanPct is >= 0 and <= MaxOverscanPct))
        {
            Invalid(string.Create(CultureInfo.InvariantCulture, $"overscan_pct: {request.OverscanPct} is outside 0..{MaxOverscanPct}"));
        }

        if (request.HasSoftEdge && !(request.SoftEdge is >= 0 and <= MaxSoftEdge))
        {
            Invalid(string.Create(CultureInfo.InvariantCulture, $"soft_edge: {request.SoftEdge} is outside 0..{MaxSoftEdge}"));
        }

        if (request.HasDelayOffsetMs && !(Math.Abs(request.DelayOffsetMs) <= MaxDelayOffsetMs))
        {
            Invalid(string.Create(CultureInfo.InvariantCulture, $"delay_offset_ms: {request.DelayOffsetMs} is outside -{MaxDelayOffsetMs}..{MaxDelayOffsetMs}"));
        }

        if (request.ChromaKey is { } key)
        {
            CheckUnit(key.Red, "chroma_key.red");
            CheckUnit(key.Green, "chroma_key.green");
            CheckUnit(key.Blue, "chroma_key.blue");
        }
    }

    private static void CheckUnit(float value, string field)
    {
        if (!(value is >= 0 and <= 1))
        {
            Invalid(string.Create(CultureInfo.InvariantCulture, $"{field}: {value} is outside 0..1"));
        }
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (var n in names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Known(IReadOnlyList<string> names, IReadOnlyList<string>? remote)
    {
        var local = names.Count == 0 ? "no cameras" : "cameras " + string.Join(", ", names);
        return remote is null || remote.Count == 0 ? local : local + "; linked sites' cameras " + string.Join(", ", remote);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Invalid(string message) => throw new RpcException(new Status(StatusCode.InvalidArgument, message));
}
