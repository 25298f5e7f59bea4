using System.Globalization;
using StageControl.Coordinator.Tracking;
using StageControl.Core.Calibration;
using StageControl.Protos.V1;
using StageControl.Rpc;
using StageControl.Tracking.CameraState;

namespace StageControl.Coordinator.Calibration;

/// <summary>
/// Every stage camera's calibration (protos/stagecontrol/v1/calibration.proto): registration, tracking delay and One Euro
/// filter, with a per-camera version and who changed it when. Records are immutable once published (a change builds a
/// new <see cref="CameraCalibration"/>), so status snapshots share them without copying. Each accepted change is handed
/// to the camera hub (<see cref="CameraHub.Reconfigure"/>: it applies from the next evaluation, i.e. the next frame)
/// and announced with <see cref="Changed"/> (the state store writes it to disk). Cameras read from a state file that
/// are not in the stage config are kept as <see cref="Orphans"/>, so they are written back rather than lost.
/// </summary>
internal sealed class CalibrationStore
{
    private readonly Lock _gate = new();
    private readonly CameraHub _hub;
    private readonly string[] _names;
    private readonly CameraCalibration[] _records;
    private CameraCalibration[] _orphans = [];

    /// <summary>Default calibrations (no registration, no delay, no filter, version 1) for the hub's cameras.</summary>
    public CalibrationStore(CameraHub hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        _hub = hub;
        _names = new string[hub.Count];
        _records = new CameraCalibration[hub.Count];
        for (var i = 0; i < hub.Count; i++)
        {
            _names[i] = hub.ConfigOf(i).Name;
            _records[i] = new CameraCalibration { Camera = _names[i], Version = 1 };
        }
    }

    /// <summary>Raised after every accepted change (outside the lock), on the caller's thread.</summary>
    public event Action? Changed;

    /// <summary>The stage cameras' records in config order (shared; do not modify).</summary>
    public IReadOnlyList<CameraCalibration> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Records of cameras that are not in the stage config (from the state file; shared; do not modify).</summary>
    public IReadOnlyList<CameraCalibration> Orphans => Volatile.Read(ref _orphans);

    /// <summary>Every camera's calibration, as <c>GetCalibration</c> answers.</summary>
    public StageCalibration Snapshot()
    {
        var snapshot = new StageCalibration();
        snapshot.Cameras.Add(Records);
        return snapshot;
    }

    /// <summary>Puts records read at start in force (each must be valid already) and keeps the orphans; no
    /// <see cref="Changed"/>.</summary>
    public void Restore(IReadOnlyList<CameraCalibration> records, IReadOnlyList<CameraCalibration> orphans)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(orphans);
        lock (_gate)
        {
            foreach (var record in records)
            {
                var index = Array.IndexOf(_names, record.Camera);
                if (index >= 0)
                {
                    Publish(index, record);
                }
            }

            Volatile.Write(ref _orphans, [.. orphans]);
        }
    }

    /// <summary>
    /// Applies <paramref name="request"/> (only the fields it sets). Throws <see cref="RpcException"/>: NOT_FOUND for an
    /// unknown camera (listing the stage's), INVALID_ARGUMENT naming the field (nothing applied), FAILED_PRECONDITION
    /// when <c>expected_version</c> is set and differs.
    /// </summary>
    public CameraCalibration Set(SetCameraCalibrationRequest request, string changedBy, long nowUnixNs)
    {
        ArgumentNullException.ThrowIfNull(request);
        var index = IndexOrThrow(request.Camera);
        var registration = request.Registration is { } given ? Normalize(given, nowUnixNs) : null;
        var filter = request.Filter is { } f ? Normalize(f) : null;
        Validate(request, registration, filter);

        CameraCalibration next;
        lock (_gate)
        {
            var current = _records[index];
            if (request.ExpectedVersion != 0 && request.ExpectedVersion != current.Version)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, F(
                    $"expected_version: camera '{current.Camera}' is at version {current.Version}, not {request.ExpectedVersion}")));
            }

            next = current.Clone();
            if (registration is not null)
            {
                next.Registration = registration;
            }
            else if (request.ClearRegistration)
            {
                next.Registration = null;
            }

            if (request.HasDelayMs)
            {
                next.DelayMs = request.DelayMs;
            }

            if (filter is not null)
            {
                next.Filter = filter;
            }
            else if (request.FilterOff)
            {
                next.Filter = null;
            }

            next.Version = current.Version + 1;
            next.ChangedBy = changedBy;
            next.ChangedUnixNs = nowUnixNs;
            Publish(index, next);
        }

        Changed?.Invoke();
        return next;
    }

    /// <summary>
    /// Solves the registration from <paramref name="request"/>'s points with <see cref="Registration.TrySolve"/> (the
    /// solver of <c>stagectl calibrate register</c>) and, when <c>apply</c> is set, applies it as <see cref="Set"/> would.
    /// </summary>
    public SolveRegistrationResponse Solve(SolveRegistrationRequest request, string changedBy, long nowUnixNs)
    {
        ArgumentNullException.ThrowIfNull(request);
        var index = IndexOrThrow(request.Camera);
        var pairs = new List<PointPair>(request.Points.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Points.Count; i++)
        {
            var point = request.Points[i];
            var name = string.IsNullOrWhiteSpace(point.Name) ? F($"P{i + 1}") : point.Name;
            if (!names.Add(name))
            {
                Invalid(F($"points[{i}].name: '{name}' repeats an earlier point"));
            }

            if (point.Tracker is null || point.Stage is null)
            {
                Invalid(F($"points[{i}].{(point.Tracker is null ? "tracker" : "stage")}: missing"));
            }

            pairs.Add(new PointPair(name, ToCore(point.Tracker), ToCore(point.Stage)));
        }

        if (!Registration.TrySolve(pairs, request.Scale, out var result, out var why))
        {
            Invalid("points: " + why);
        }

        var response = new SolveRegistrationResponse { Registration = CalibrationRules.FromResult(result, pairs.Count, nowUnixNs) };
        for (var i = 0; i < pairs.Count; i++)
        {
            response.Residuals.Add(new PointResidual { Name = pairs[i].Name, ResidualM = result.ResidualsM[i], Outlier = result.Outliers[i] });
        }

        if (request.Apply)
        {
            response.Calibration = Set(new SetCameraCalibrationRequest
            {
                Camera = request.Camera,
                Registration = response.Registration,
                ExpectedVersion = request.ExpectedVersion,
            }, changedBy, nowUnixNs);
            response.Applied = true;
        }
        else
        {
            lock (_gate)
            {
                response.Calibration = _records[index];
            }
        }

        return response;
    }

    /// <summary>A request's registration with its defaults filled in (scale 0 → 1, solved time 0 → now).</summary>
    private static CameraRegistration Normalize(CameraRegistration given, long nowUnixNs)
    {
        var registration = given.Clone();
        registration.Translation ??= new Vec3();
        if (registration.Scale == 0)
        {
            registration.Scale = 1;
        }

        if (registration.SolvedUnixNs == 0)
        {
            registration.SolvedUnixNs = nowUnixNs;
        }

        return registration;
    }

    private static OneEuroParameters Normalize(OneEuroParameters given)
    {
        var filter = given.Clone();
        if (filter.DerivativeCutoffHz == 0)
        {
            filter.DerivativeCutoffHz = CalibrationRules.DefaultDerivativeCutoffHz;
        }

        return filter;
    }

    private static void Validate(SetCameraCalibrationRequest request, CameraRegistration? registration, OneEuroParameters? filter)
    {
        if (registration is not null && request.ClearRegistration)
        {
            Invalid("clear_registration: not together with registration");
        }

        if (filter is not null && request.FilterOff)
        {
            Invalid("filter_off: not together with filter");
        }

        if (registration is not null && CalibrationRules.Check(registration) is { } problem)
        {
            Invalid($"registration.{problem.Field}: {problem.Message}");
        }

        if (request.HasDelayMs && CalibrationRules.CheckDelay(request.DelayMs) is { } delay)
        {
            Invalid($"delay_ms: {delay}");
        }

        if (filter is not null && CalibrationRules.Check(filter) is { } filterProblem)
        {
            Invalid($"filter.{filterProblem.Field}: {filterProblem.Message}");
        }
    }

    private static Core.Geometry.Vec3 ToCore(Vec3 v) => new(v.X, v.Y, v.Z);

    private int IndexOrThrow(string camera)
    {
        var index = Array.IndexOf(_names, camera);
        if (index < 0)
        {
            var known = _names.Length == 0 ? "no cameras" : "cameras " + string.Join(", ", _names);
            throw new RpcException(new Status(StatusCode.NotFound, $"camera: unknown camera '{camera}'; the stage has {known}"));
        }

        return index;
    }

    /// <summary>Stores the record and hands its hooks to the camera hub (caller holds the lock).</summary>
    private void Publish(int index, CameraCalibration record)
    {
        _hub.Reconfigure(index, CalibrationRules.ToHook(record.Registration), TrackingDelay.FromMilliseconds(record.DelayMs), CalibrationRules.ToHook(record.Filter));
        _records[index] = record;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Invalid(string message) => throw new RpcException(new Status(StatusCode.InvalidArgument, message));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
