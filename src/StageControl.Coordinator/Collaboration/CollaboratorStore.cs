using System.Globalization;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Collaboration;

/// <summary>
/// Collaborators' virtual cameras and annotations (protos/stagecontrol/v1/collaborator.proto), thread-safe and bounded.
/// Changes happen under one lock and publish new immutable arrays/lists, so the frame loop, status and the watchers read
/// them without locking and without copying. Refusals are <see cref="RpcException"/>s naming the field or the owner, and
/// are counted (<see cref="CollaborationTelemetry.Refused"/>).
/// </summary>
internal sealed class CollaboratorStore
{
    /// <summary>Name prefix of every virtual camera: <c>virtual/&lt;subject&gt;</c>.</summary>
    public const string CameraPrefix = "virtual/";

    /// <summary>Annotations one author may have at once.</summary>
    public const int MaxAnnotationsPerAuthor = 16;

    /// <summary>Annotations on the stage at once, all authors together.</summary>
    public const int MaxAnnotations = 1024;

    /// <summary>Virtual cameras on the stage at once.</summary>
    public const int MaxVirtualCameras = 64;

    /// <summary>Longest annotation text, characters.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Largest distance from the stage origin, metres.</summary>
    public const double MaxDistanceM = 1000;

    /// <summary>Vertical field of view bounds, degrees.</summary>
    public const double MinFovDeg = 1, MaxFovDeg = 170;

    /// <summary>Aspect bounds (width / height), and the value used when none is given.</summary>
    public const double MinAspect = 0.1, MaxAspect = 10, DefaultAspect = 16.0 / 9.0;

    private readonly Lock _gate = new();
    private readonly List<CameraState> _cameras = [];
    private readonly List<long> _cameraUpdates = [];
    private readonly List<Annotation> _annotations = [];
    private readonly SortedDictionary<string, RemoteAnnotations> _remote = new(StringComparer.Ordinal);
    private AnnotationList _publishedLocal = new();
    private VirtualCameraSet _publishedCameras = VirtualCameraSet.Empty;
    private AnnotationList _publishedAnnotations = new();
    private TaskCompletionSource _annotationsChanged = NewSignal();
    private long _nextId;
    private CueCache? _cue;

    /// <summary>The virtual cameras, in the order they were first set (shared; do not modify).</summary>
    public CameraState[] VirtualCameras => Volatile.Read(ref _publishedCameras).Cameras;

    /// <summary>The virtual cameras with the timestamp each was last set at, as one consistent pair (status shows the
    /// age of each; shared, do not modify).</summary>
    public VirtualCameraSet VirtualCameraSet => Volatile.Read(ref _publishedCameras);

    /// <summary>The annotations: this stage's, oldest first, then the linked sites' ("site/id" by "site/author"), with a
    /// version that every change of either raises (shared; do not modify).</summary>
    public AnnotationList Annotations => Volatile.Read(ref _publishedAnnotations);

    /// <summary>This stage's own annotations, oldest first, with their own version: what a link sends to the other
    /// sites (shared; do not modify).</summary>
    public AnnotationList LocalAnnotations => Volatile.Read(ref _publishedLocal);

    /// <summary>Completes at the next change of <see cref="Annotations"/> (take it before reading the list).</summary>
    public Task AnnotationsChanged => Volatile.Read(ref _annotationsChanged).Task;

    /// <summary>Whether <paramref name="name"/> is a virtual camera's name (it can never be the live camera).</summary>
    public static bool IsVirtualCameraName(string name) => name.StartsWith(CameraPrefix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a collaborator's virtual camera here ("virtual/alice") or one relayed
    /// from a linked site ("hq/virtual/alice"): neither can be the live camera.</summary>
    public static bool IsAnyVirtualCameraName(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return IsVirtualCameraName(name) || (slash > 0 && name.AsSpan(slash + 1).StartsWith(CameraPrefix, StringComparison.Ordinal));
    }

    /// <summary>The cameras to cue: <paramref name="local"/> followed by the virtual cameras. The combined array is kept
    /// until either part changes, so in steady state this allocates nothing (the frame loop refills the same local
    /// array every frame).</summary>
    public CameraState[] AppendTo(CameraState[] local)
    {
        var cameras = VirtualCameras;
        if (cameras.Length == 0)
        {
            return local;
        }

        var cache = Volatile.Read(ref _cue);
        if (cache is not null && ReferenceEquals(cache.Local, local) && ReferenceEquals(cache.Virtual, cameras))
        {
            return cache.All;
        }

        var all = new CameraState[local.Length + cameras.Length];
        local.CopyTo(all, 0);
        cameras.CopyTo(all, local.Length);
        Volatile.Write(ref _cue, new CueCache(local, cameras, all));
        return all;
    }

    /// <summary>Creates or replaces <paramref name="who"/>'s virtual camera, set at <paramref name="timestamp"/> (the
    /// coordinator's monotonic clock, <see cref="TimeProvider.GetTimestamp"/>); returns it as it will be cued.</summary>
    public CameraState SetCamera(Collaborator who, SetVirtualCameraRequest request, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(request);
        var position = CheckPosition(request.Position, "position");
        var orientation = CheckOrientation(request.Orientation);
        var fov = request.VerticalFovDeg;
        if (!(fov is >= MinFovDeg and <= MaxFovDeg))
        {
            Invalid(string.Create(CultureInfo.InvariantCulture, $"vertical_fov_deg: {fov} is outside {MinFovDeg}..{MaxFovDeg}"));
        }

        var aspect = request.Aspect == 0 ? DefaultAspect : request.Aspect;
        if (!(aspect is >= MinAspect and <= MaxAspect))
        {
            Invalid(string.Create(CultureInfo.InvariantCulture, $"aspect: {request.Aspect} is outside {MinAspect}..{MaxAspect} (0 for 16/9)"));
        }

        var halfV = double.DegreesToRadians(fov) / 2;
        var camera = new CameraState
        {
            Name = CameraPrefix + who.Subject,
            Position = position,
            Orientation = orientation,
            VerticalFovDeg = fov,
            HorizontalFovDeg = double.RadiansToDegrees(2 * Math.Atan(aspect * Math.Tan(halfV))),
            Valid = true,
        };

        lock (_gate)
        {
            var index = _cameras.FindIndex(c => string.Equals(c.Name, camera.Name, StringComparison.Ordinal));
            if (index >= 0)
            {
                _cameras[index] = camera;
                _cameraUpdates[index] = timestamp;
            }
            else if (_cameras.Count >= MaxVirtualCameras)
            {
                Refuse(StatusCode.ResourceExhausted, "exhausted", string.Create(CultureInfo.InvariantCulture,
                    $"the stage already has {MaxVirtualCameras} virtual cameras; clear one first"));
            }
            else
            {
                _cameras.Add(camera);
                _cameraUpdates.Add(timestamp);
            }

            PublishCameras();
        }

        return camera;
    }

    /// <summary>Removes the virtual camera of <paramref name="owner"/> (empty: the caller's own); false when there is
    /// none. Someone else's needs <see cref="Collaborator.MayActForOthers"/>.</summary>
    public bool ClearCamera(Collaborator who, string owner)
    {
        var subject = string.IsNullOrEmpty(owner) ? who.Subject : owner;
        EnsureMay(who, subject, "the virtual camera " + CameraPrefix + subject);
        var name = CameraPrefix + subject;
        lock (_gate)
        {
            var index = _cameras.FindIndex(c => string.Equals(c.Name, name, StringComparison.Ordinal));
            if (index < 0)
            {
                return false;
            }

            _cameras.RemoveAt(index);
            _cameraUpdates.RemoveAt(index);
            PublishCameras();
            return true;
        }
    }

    /// <summary>Adds an annotation by <paramref name="who"/>, stamped <paramref name="nowUnixNs"/>.</summary>
    public Annotation Add(Collaborator who, AddAnnotationRequest request, long nowUnixNs)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text;
        var color = request.Color ?? new Rgba { Red = 1, Green = 1, Blue = 1, Alpha = 1 };
        if (AnnotationProblem(text, request.Position, color) is { } problem)
        {
            Invalid(problem);
        }

        var position = request.Position!.Clone();
        lock (_gate)
        {
            var mine = 0;
            foreach (var a in _annotations)
            {
                if (string.Equals(a.Author, who.Subject, StringComparison.Ordinal))
                {
                    mine++;
                }
            }

            if (mine >= MaxAnnotationsPerAuthor)
            {
                Refuse(StatusCode.ResourceExhausted, "exhausted", string.Create(CultureInfo.InvariantCulture,
                    $"'{who.Subject}' already has {MaxAnnotationsPerAuthor} annotations, the most one author may have; remove one first"));
            }

            if (_annotations.Count >= MaxAnnotations)
            {
                Refuse(StatusCode.ResourceExhausted, "exhausted", string.Create(CultureInfo.InvariantCulture,
                    $"the stage already has {MaxAnnotations} annotations"));
            }

            var annotation = new Annotation
            {
                Id = "a" + (++_nextId).ToString(CultureInfo.InvariantCulture),
                Author = who.Subject,
                Text = text,
                Position = position,
                Color = color.Clone(),
                CreatedUnixNs = nowUnixNs,
            };
            _annotations.Add(annotation);
            PublishAnnotations();
            return annotation;
        }
    }

    /// <summary>Removes annotation <paramref name="id"/>: NOT_FOUND when unknown, PERMISSION_DENIED naming the author
    /// when it is someone else's and <paramref name="who"/> may not act for others.</summary>
    public void Remove(Collaborator who, string id)
    {
        lock (_gate)
        {
            var index = _annotations.FindIndex(a => string.Equals(a.Id, id, StringComparison.Ordinal));
            if (index < 0)
            {
                foreach (var (site, remote) in _remote)
                {
                    if (Array.Exists(remote.Annotations, a => string.Equals(a.Id, id, StringComparison.Ordinal)))
                    {
                        Refuse(StatusCode.FailedPrecondition, "remote", $"id: annotation '{id}' belongs to the linked site '{site}'; remove it there");
                    }
                }

                Refuse(StatusCode.NotFound, "not_found", $"id: no annotation '{id}'");
            }

            EnsureMay(who, _annotations[index].Author, $"annotation '{id}'");
            _annotations.RemoveAt(index);
            PublishAnnotations();
        }
    }

    /// <summary>
    /// Replaces the annotations shown for linked site <paramref name="site"/> with <paramref name="annotations"/> (that
    /// site's own, as it sent them at its <paramref name="version"/>), renamed "site/id" by "site/author". Checked like
    /// local ones; the first problem is returned (naming the annotation and field) and nothing changes. An older version
    /// than the one held is ignored (null: nothing wrong).
    /// </summary>
    public string? SetRemote(string site, ulong version, IReadOnlyList<Annotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        if (annotations.Count > MaxAnnotations)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{annotations.Count} annotations, at most {MaxAnnotations}");
        }

        var renamed = new Annotation[annotations.Count];
        for (var i = 0; i < renamed.Length; i++)
        {
            var a = annotations[i];
            if (a.Id.Length is 0 or > 32 || a.Author.Length is 0 or > 64)
            {
                return string.Create(CultureInfo.InvariantCulture, $"annotations[{i}]: id and author must be 1..32 and 1..64 characters");
            }

            if (AnnotationProblem(a.Text, a.Position, a.Color ?? new Rgba { Alpha = 1 }) is { } problem)
            {
                return string.Create(CultureInfo.InvariantCulture, $"annotations[{i}] ('{a.Id}'): {problem}");
            }

            var copy = a.Clone();
            copy.Id = site + "/" + a.Id;
            copy.Author = site + "/" + a.Author;
            renamed[i] = copy;
        }

        lock (_gate)
        {
            if (_remote.TryGetValue(site, out var held) && held.Version > version)
            {
                return null;
            }

            _remote[site] = new RemoteAnnotations(version, renamed);
            PublishCombined();
        }

        return null;
    }

    /// <summary>The first problem of an annotation's fields (text, position, colour), or null.</summary>
    private static string? AnnotationProblem(string text, Vec3? position, Rgba color)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "text: empty; an annotation needs 1 to 200 characters";
        }

        if (text.Length > MaxTextLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"text: {text.Length} characters, at most {MaxTextLength}");
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return "text: contains a control character";
            }
        }

        return PositionProblem(position, "position")
            ?? UnitProblem(color.Red, "color.red") ?? UnitProblem(color.Green, "color.green")
            ?? UnitProblem(color.Blue, "color.blue") ?? UnitProblem(color.Alpha, "color.alpha");
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void EnsureMay(Collaborator who, string owner, string what)
    {
        if (!who.MayActForOthers && !string.Equals(owner, who.Subject, StringComparison.Ordinal))
        {
            Refuse(StatusCode.PermissionDenied, "forbidden", $"{what} belongs to '{owner}'; '{who.Subject}' may change only its own (or ask a technician)");
        }
    }

    private static Vec3 CheckPosition(Vec3? value, string field)
    {
        if (PositionProblem(value, field) is { } problem)
        {
            Invalid(problem);
        }

        return value!.Clone();
    }

    private static string? PositionProblem(Vec3? value, string field)
    {
        if (value is null)
        {
            return $"{field}: required (x, y, z in metres, stage frame)";
        }

        var problem = FiniteProblem(value.X, field + ".x") ?? FiniteProblem(value.Y, field + ".y") ?? FiniteProblem(value.Z, field + ".z");
        if (problem is not null)
        {
            return problem;
        }

        var distance = Math.Sqrt((value.X * value.X) + (value.Y * value.Y) + (value.Z * value.Z));
        return distance > MaxDistanceM
            ? string.Create(CultureInfo.InvariantCulture, $"{field}: {distance:0.###} m from the stage origin, at most {MaxDistanceM} m")
            : null;
    }

    private static Quat CheckOrientation(Quat? value)
    {
        if (value is null)
        {
            Invalid("orientation: required (a quaternion w, x, y, z)");
        }

        CheckFinite(value.W, "orientation.w");
        CheckFinite(value.X, "orientation.x");
        CheckFinite(value.Y, "orientation.y");
        CheckFinite(value.Z, "orientation.z");
        var length = Math.Sqrt((value.W * value.W) + (value.X * value.X) + (value.Y * value.Y) + (value.Z * value.Z));
        if (!(length > 1e-9) || !double.IsFinite(length))
        {
            Invalid("orientation: a zero quaternion is no rotation (identity is 1,0,0,0)");
        }

        return new Quat { W = value.W / length, X = value.X / length, Y = value.Y / length, Z = value.Z / length };
    }

    private static void CheckFinite(double value, string field)
    {
        if (FiniteProblem(value, field) is { } problem)
        {
            Invalid(problem);
        }
    }

    private static string? FiniteProblem(double value, string field) =>
        double.IsFinite(value) ? null : string.Create(CultureInfo.InvariantCulture, $"{field}: {value} is not a finite number");

    private static string? UnitProblem(float value, string field) =>
        value is >= 0 and <= 1 ? null : string.Create(CultureInfo.InvariantCulture, $"{field}: {value} is outside 0..1");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Invalid(string message) => Refuse(StatusCode.InvalidArgument, "invalid", message);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Refuse(StatusCode code, string reason, string message)
    {
        CollaborationTelemetry.CountRefusal(reason);
        throw new RpcException(new Status(code, message));
    }

    private void PublishCameras() => Volatile.Write(ref _publishedCameras, new VirtualCameraSet([.. _cameras], [.. _cameraUpdates]));

    private void PublishAnnotations()
    {
        var local = new AnnotationList { Version = _publishedLocal.Version + 1 };
        local.Annotations.Add(_annotations);
        Volatile.Write(ref _publishedLocal, local);
        PublishCombined();
    }

    private void PublishCombined()
    {
        var list = new AnnotationList { Version = _publishedAnnotations.Version + 1 };
        list.Annotations.Add(_annotations);
        foreach (var remote in _remote.Values)
        {
            list.Annotations.Add(remote.Annotations);
        }

        Volatile.Write(ref _publishedAnnotations, list);
        var signal = _annotationsChanged;
        Volatile.Write(ref _annotationsChanged, NewSignal());
        signal.TrySetResult();
    }

    private sealed record RemoteAnnotations(ulong Version, Annotation[] Annotations);

    private sealed record CueCache(CameraState[] Local, CameraState[] Virtual, CameraState[] All);
}
