using System.Text;
using System.Text.Json;
using StageControl.Core.Geometry;
using StageControl.Core.Timing;

namespace StageControl.Core.Stage;

/// <summary>
/// One pass over a parsed config document: builds the model section by section (panel types, walls, processors,
/// nodes, cameras), then runs the cross-checks (overlapping panels, undriven panels, output and processor
/// capacity). A section that fails is remembered as "broken" so references to it do not pile up follow-on
/// problems: one mistake, one problem.
/// </summary>
internal sealed class StageConfigParser
{
    /// <summary>2 mm: how far a measured corner or arc may be from where the panel sizes put it.</summary>
    public const double LengthToleranceM = 0.002;

    private static readonly string[] RootFields = ["name", "frameRate", "panelTypes", "walls", "processors", "nodes", "cameras"];
    private static readonly string[] PanelTypeFields =
        ["id", "manufacturer", "model", "widthMm", "heightMm", "pixelsX", "pixelsY", "pitchMm", "weightKg", "maxNits", "profile"];
    private static readonly string[] CurvedFields = ["id", "kind", "panelType", "rows", "columns", "center", "radiusM", "startDeg", "endDeg", "bottomM"];
    private static readonly string[] FlatFields = ["id", "kind", "panelType", "rows", "columns", "lowerLeft", "lowerRight", "upperLeft", "upperRight"];
    private static readonly string[] CeilingFields =
        ["id", "kind", "panelType", "rows", "columns", "center", "heightM", "yawDeg", "lowerLeft", "lowerRight", "upperLeft", "upperRight"];
    private static readonly string[] ProcessorFields = ["id", "model", "profile", "maxPixels", "outputs", "outputCount", "pixelsPerOutput"];
    private static readonly string[] ProcessorOutputFields = ["output", "pixelCapacity"];
    private static readonly string[] NodeFields = ["name", "panels", "outputs"];
    private static readonly string[] NodeOutputFields = ["processor", "output", "panels"];
    private static readonly string[] RangeFields = ["wall", "columns", "rows"];
    private static readonly string[] CameraFields = ["name", "tracking", "sensor", "lens"];
    private static readonly string[] TrackingFields = ["protocol", "port", "cameraId", "vendor"];
    private static readonly string[] SensorFields = ["widthMm", "heightMm"];
    private static readonly string[] LensFields = ["focalLengthMm", "entrancePupilOffsetM"];

    private readonly List<ConfigProblem> _problems = [];
    private readonly JsonFields _f;

    private readonly Dictionary<string, PanelType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typePaths = new(StringComparer.Ordinal);

    private readonly List<Wall> _walls = [];
    private readonly List<string> _wallPaths = [];
    private readonly Dictionary<string, int> _wallIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _wallIdPaths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _brokenWalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StagePanel> _panels = new(StringComparer.Ordinal);

    private readonly List<LedProcessor> _processors = [];
    private readonly Dictionary<string, int> _processorIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _processorIdPaths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _brokenProcessors = new(StringComparer.Ordinal);

    private readonly List<RenderNode> _nodes = [];
    private readonly Dictionary<string, string> _nodeNamePaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Node, string Path)> _driver = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Processor, int Output), OutputUse> _outputUse = [];

    private readonly List<CameraConfig> _cameras = [];
    private readonly Dictionary<string, string> _cameraNamePaths = new(StringComparer.Ordinal);

    public StageConfigParser() => _f = new JsonFields(_problems);

    public StageConfigResult Parse(JsonElement root)
    {
        if (!_f.IsObject(root, "$", "the config"))
        {
            return new StageConfigResult(null, _problems);
        }

        _f.CheckUnknown(root, "$", RootFields);
        var name = _f.String(root, "name", "$");
        var rate = ParseFrameRate(root);

        ParseList(root, "panelTypes", required: true, ParsePanelType);
        ParseList(root, "walls", required: true, ParseWall);
        CheckOverlaps();
        ParseList(root, "processors", required: false, ParseProcessor);
        ParseList(root, "nodes", required: true, ParseNode);
        CheckUndriven();
        CheckCapacity();
        ParseList(root, "cameras", required: false, ParseCamera);

        if (_problems.Count > 0 || name is null || rate is null)
        {
            return new StageConfigResult(null, _problems);
        }

        var config = new StageConfig(name, rate.Value, [.. _types.Values], _walls, _processors, _nodes, _cameras);
        return new StageConfigResult(config, _problems);
    }

    private void ParseList(JsonElement root, string name, bool required, Action<JsonElement, string> parseItem)
    {
        if (!_f.Array(root, name, "$", required, out var array))
        {
            return;
        }

        var path = JsonFields.Prop("$", name);
        if (required && array.GetArrayLength() == 0)
        {
            _f.Add(ConfigProblemKind.InvalidValue, path, $"'{name}' must list at least one entry");
            return;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            parseItem(item, JsonFields.Index(path, i++));
        }
    }

    private FrameRate? ParseFrameRate(JsonElement root)
    {
        if (!_f.TryGet(root, "frameRate", "$", required: true, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            _f.Add(ConfigProblemKind.BadFrameRate, "$.frameRate",
                $"'frameRate' must be a string NUM/DEN such as \"24000/1001\" or \"25/1\", not {JsonFields.Describe(v)}");
            return null;
        }

        if (!FrameRate.TryParse(v.GetString(), out var rate, out var why))
        {
            _f.Add(ConfigProblemKind.BadFrameRate, "$.frameRate", why);
            return null;
        }

        return rate;
    }

    // ---------------------------------------------------------------- panel types

    private void ParsePanelType(JsonElement e, string path)
    {
        if (!_f.IsObject(e, path, "a panel type"))
        {
            return;
        }

        _f.CheckUnknown(e, path, PanelTypeFields);
        var id = _f.String(e, "id", path);
        var manufacturer = _f.String(e, "manufacturer", path);
        var model = _f.String(e, "model", path);
        var width = _f.Number(e, "widthMm", path, true, 0, 10_000, minExclusive: true, unit: " mm");
        var height = _f.Number(e, "heightMm", path, true, 0, 10_000, minExclusive: true, unit: " mm");
        var px = _f.Integer(e, "pixelsX", path, true, 1, 100_000);
        var py = _f.Integer(e, "pixelsY", path, true, 1, 100_000);
        var pitch = _f.Number(e, "pitchMm", path, true, 0, 100, minExclusive: true, unit: " mm");
        var weight = _f.Number(e, "weightKg", path, false, 0, 1000, minExclusive: true, unit: " kg");
        var nits = _f.Number(e, "maxNits", path, false, 0, 100_000, minExclusive: true);
        var profile = _f.String(e, "profile", path, required: false);

        var duplicate = id is not null && IsDuplicate(_typePaths, id, path, "panel type id");
        if (id is null || manufacturer is null || model is null || width is null || height is null
            || px is null || py is null || pitch is null || duplicate)
        {
            if (id is not null && !duplicate)
            {
                _typePaths[id] = path;
            }

            return;
        }

        _typePaths[id] = path;
        // The pixel grid must fill the panel: pixels × pitch within one pitch of the size.
        var grid = new List<string>();
        CheckGrid(grid, "pixelsX", "widthMm", px.Value, pitch.Value, width.Value);
        CheckGrid(grid, "pixelsY", "heightMm", py.Value, pitch.Value, height.Value);
        if (grid.Count > 0)
        {
            _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(path, "pitchMm"), string.Join("; ", grid));
        }
        else
        {
            _types[id] = new PanelType(id, manufacturer, model, width.Value, height.Value, (int)px.Value, (int)py.Value, pitch.Value)
            {
                Profile = profile,
                WeightKg = weight,
                MaxNits = nits,
            };
        }
    }

    private static void CheckGrid(List<string> problems, string pixelsField, string sizeField, long pixels, double pitch, double size)
    {
        var span = pixels * pitch;
        if (Math.Abs(span - size) > pitch)
        {
            problems.Add($"{pixels} px × {JsonFields.Num(pitch)} mm = {JsonFields.Num(span)} mm, but {sizeField} is {JsonFields.Num(size)} mm: " +
                $"{pixelsField}, pitchMm and {sizeField} disagree");
        }
    }

    // ---------------------------------------------------------------- walls

    private void ParseWall(JsonElement e, string path)
    {
        if (!_f.IsObject(e, path, "a wall"))
        {
            return;
        }

        var id = _f.String(e, "id", path);
        if (id is not null && !IsSlug(id))
        {
            _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(path, "id"),
                $"wall id '{id}' may hold only letters, digits, '-', '_' and '.' (it becomes part of panel ids such as '{id}/c01r01')");
            id = null;
        }

        var duplicate = id is not null && IsDuplicate(_wallIdPaths, id, path, "wall id");
        if (id is not null && !duplicate)
        {
            _wallIdPaths[id] = path;
        }

        var kindText = _f.String(e, "kind", path);
        WallKind? kind = kindText switch
        {
            "flat" => WallKind.Flat,
            "curved" => WallKind.Curved,
            "ceiling" => WallKind.Ceiling,
            _ => null,
        };
        if (kindText is not null && kind is null)
        {
            _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(path, "kind"), $"'kind' must be \"flat\", \"curved\" or \"ceiling\", got \"{kindText}\"");
        }

        var type = ResolvePanelType(e, path);
        var rows = _f.Integer(e, "rows", path, true, 1, 1000);

        IReadOnlyList<StagePanel>? panels = null;
        var columns = 0;
        CurvedArc? arc = null;
        PanelQuad? section = null;
        switch (kind)
        {
            case WallKind.Curved:
                _f.CheckUnknown(e, path, CurvedFields);
                (panels, arc) = BuildCurved(e, path, id, type, rows);
                columns = arc is null ? 0 : (int)Math.Round((arc.EndDeg - arc.StartDeg) / arc.ColumnAngleDeg);
                break;
            case WallKind.Flat:
                _f.CheckUnknown(e, path, FlatFields);
                (panels, section, columns) = BuildFlat(e, path, id, type, rows);
                break;
            case WallKind.Ceiling:
                _f.CheckUnknown(e, path, CeilingFields);
                (panels, section, columns) = BuildCeiling(e, path, id, type, rows);
                break;
            default:
                break;
        }

        if (id is null || duplicate)
        {
            return;
        }

        if (panels is null || type is null || kind is null || rows is null)
        {
            _brokenWalls.Add(id);
            return;
        }

        var wall = new Wall(id, kind.Value, type, columns, (int)rows.Value, panels) { Arc = arc, Section = section };
        _wallIndex[id] = _walls.Count;
        _walls.Add(wall);
        _wallPaths.Add(path);
        foreach (var p in panels)
        {
            _panels[p.Id] = p;
        }
    }

    private PanelType? ResolvePanelType(JsonElement e, string path)
    {
        var typeId = _f.String(e, "panelType", path);
        if (typeId is null)
        {
            return null;
        }

        if (_types.TryGetValue(typeId, out var type))
        {
            return type;
        }

        if (!_typePaths.ContainsKey(typeId))
        {
            // A type that exists but failed its own checks was reported there already.
            _f.Add(ConfigProblemKind.UnknownPanelType, JsonFields.Prop(path, "panelType"),
                $"no panel type '{typeId}' in $.panelTypes (defined: {Known(_typePaths.Keys)})");
        }

        return null;
    }

    private (IReadOnlyList<StagePanel>? Panels, CurvedArc? Arc) BuildCurved(
        JsonElement e, string path, string? id, PanelType? type, long? rows)
    {
        var center = _f.FloorPoint(e, "center", path, true);
        var radius = _f.Number(e, "radiusM", path, true, 0, 1000, minExclusive: true, unit: " m");
        var start = _f.Number(e, "startDeg", path, true, -360, 360, unit: "°");
        var end = _f.Number(e, "endDeg", path, false, -720, 720, unit: "°");
        var cols = _f.Integer(e, "columns", path, false, 1, 10_000);
        var bottom = _f.Number(e, "bottomM", path, true, -100, 1000, unit: " m");
        var hasEnd = _f.TryGet(e, "endDeg", path, false, out _);
        var hasCols = _f.TryGet(e, "columns", path, false, out _);
        if (!hasEnd && !hasCols)
        {
            _f.Add(ConfigProblemKind.MissingField, JsonFields.Prop(path, "endDeg"),
                "a curved wall needs 'endDeg' or 'columns' (or both) to say how far the arc goes");
        }

        if (id is null || type is null || rows is null || center is null || radius is null || start is null || bottom is null
            || (end is null && cols is null) || (hasEnd && end is null) || (hasCols && cols is null))
        {
            return (null, null);
        }

        var r = radius.Value;
        if (type.WidthM > 2 * r)
        {
            _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(path, "radiusM"),
                $"a {JsonFields.Num(type.WidthMm)} mm wide panel does not fit on a circle of radius {JsonFields.Num(r)} m");
            return (null, null);
        }

        var alpha = StageGeometry.ColumnAngleDeg(type.WidthM, r);
        int n;
        if (end is { } endDeg)
        {
            var span = endDeg - start.Value;
            if (span <= 0 || span > 360)
            {
                _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(path, "endDeg"),
                    $"endDeg − startDeg must be above 0° and at most 360° (columns run from startDeg to endDeg, clockwise seen from above), got {JsonFields.Num(span)}°");
                return (null, null);
            }

            var exact = span / alpha;
            n = cols is { } c ? (int)c : (int)Math.Round(exact);
            var gapM = Math.Abs(span - (n * alpha)) * Math.PI / 180.0 * r;
            if (n < 1 || gapM > LengthToleranceM)
            {
                var w = JsonFields.Num(type.WidthMm);
                var message = cols is not null
                    ? $"{n} columns of {w} mm panels at radius {JsonFields.Num(r)} m span {JsonFields.Num(n * alpha)}°, but endDeg − startDeg is " +
                      $"{JsonFields.Num(span)}° ({JsonFields.Num(gapM * 1000)} mm apart along the arc); set endDeg to {JsonFields.Num(start.Value + (n * alpha))}"
                    : $"the arc from startDeg to endDeg holds {exact:0.###} columns of {w} mm panels (each {JsonFields.Num(alpha)}° at radius " +
                      $"{JsonFields.Num(r)} m), not a whole number; set endDeg to {JsonFields.Num(start.Value + (Math.Floor(exact) * alpha))} " +
                      $"({Math.Floor(exact)} columns) or {JsonFields.Num(start.Value + (Math.Ceiling(exact) * alpha))} ({Math.Ceiling(exact)} columns), or give 'columns'";
                _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(path, "endDeg"), message);
                return (null, null);
            }
        }
        else
        {
            n = (int)cols!.Value;
            if (n * alpha > 360 + 1e-9)
            {
                _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(path, "columns"),
                    $"{n} columns of {JsonFields.Num(type.WidthMm)} mm panels span {JsonFields.Num(n * alpha)}° at radius {JsonFields.Num(r)} m: more than a full circle");
                return (null, null);
            }
        }

        var arc = new CurvedArc(center.Value.X, center.Value.Z, r, start.Value, start.Value + (n * alpha), bottom.Value, alpha);
        return (StageGeometry.Curved(id, type, arc, n, (int)rows.Value), arc);
    }

    private (IReadOnlyList<StagePanel>? Panels, PanelQuad? Section, int Columns) BuildFlat(
        JsonElement e, string path, string? id, PanelType? type, long? rows)
    {
        var ll = _f.Point(e, "lowerLeft", path, true);
        var lr = _f.Point(e, "lowerRight", path, true);
        var ul = _f.Point(e, "upperLeft", path, true);
        var ur = _f.Point(e, "upperRight", path, false);
        var cols = _f.Integer(e, "columns", path, true, 1, 10_000);
        if (id is null || type is null || rows is null || ll is null || lr is null || ul is null || cols is null
            || (_f.TryGet(e, "upperRight", path, false, out _) && ur is null))
        {
            return (null, null, 0);
        }

        if (!CheckRectangle(path, type, ll.Value, lr.Value, ul.Value, ur, (int)cols.Value, (int)rows.Value))
        {
            return (null, null, 0);
        }

        return Section(id, type, ll.Value, lr.Value, ul.Value, (int)cols.Value, (int)rows.Value);
    }

    private (IReadOnlyList<StagePanel>? Panels, PanelQuad? Section, int Columns) BuildCeiling(
        JsonElement e, string path, string? id, PanelType? type, long? rows)
    {
        var hasCorners = _f.TryGet(e, "lowerLeft", path, false, out _) || _f.TryGet(e, "lowerRight", path, false, out _)
            || _f.TryGet(e, "upperLeft", path, false, out _);
        var hasCenter = _f.TryGet(e, "center", path, false, out _) || _f.TryGet(e, "heightM", path, false, out _);
        if (hasCorners && hasCenter)
        {
            _f.Add(ConfigProblemKind.InvalidValue, path,
                "a ceiling is given either by corner points (lowerLeft, lowerRight, upperLeft) or by 'center' + 'heightM', not both");
            return (null, null, 0);
        }

        if (hasCorners)
        {
            var flat = BuildFlat(e, path, id, type, rows);
            if (flat.Section is { } s && s.Normal.Y > -0.999)
            {
                var n = s.Normal;
                _f.Add(ConfigProblemKind.InvalidValue, path,
                    $"a ceiling must be horizontal and face down (−Y), but these corners face ({n.X:0.###}, {n.Y:0.###}, {n.Z:0.###}); " +
                    "seen from below, lowerLeft→lowerRight is 'right' (+X) and lowerLeft→upperLeft 'up' (downstage, +Z)");
                return (null, null, 0);
            }

            return flat;
        }

        var center = _f.FloorPoint(e, "center", path, true);
        var height = _f.Number(e, "heightM", path, true, -100, 1000, unit: " m");
        var hasYaw = _f.TryGet(e, "yawDeg", path, false, out _);
        var yaw = _f.Number(e, "yawDeg", path, false, -360, 360, unit: "°");
        var cols = _f.Integer(e, "columns", path, true, 1, 10_000);
        if (id is null || type is null || rows is null || center is null || height is null || cols is null || (hasYaw && yaw is null))
        {
            return (null, null, 0);
        }

        var (ll, lr, ul) = StageGeometry.CeilingCorners(
            type, center.Value.X, center.Value.Z, height.Value, yaw ?? 0, (int)cols.Value, (int)rows.Value);
        return Section(id, type, ll, lr, ul, (int)cols.Value, (int)rows.Value);
    }

    private static (IReadOnlyList<StagePanel>, PanelQuad, int) Section(
        string id, PanelType type, Vec3 ll, Vec3 lr, Vec3 ul, int columns, int rows)
    {
        var section = new PanelQuad(id, ll, lr, ul, type.PixelsX * columns, type.PixelsY * rows);
        return (StageGeometry.Flat(id, type, ll, lr, ul, columns, rows), section, columns);
    }

    /// <summary>The corners must make a rectangle exactly columns × rows panels big (within 2 mm).</summary>
    private bool CheckRectangle(string path, PanelType type, Vec3 ll, Vec3 lr, Vec3 ul, Vec3? ur, int columns, int rows)
    {
        var found = new List<(string Field, string Message)>();
        var across = lr - ll;
        var up = ul - ll;
        var width = across.Length;
        var height = up.Length;
        var wantWidth = columns * type.WidthM;
        var wantHeight = rows * type.HeightM;
        if (Math.Abs(width - wantWidth) > LengthToleranceM)
        {
            found.Add(("lowerRight",
                $"lowerRight is {JsonFields.Num(width)} m from lowerLeft, but {columns} columns of {JsonFields.Num(type.WidthMm)} mm panels are {JsonFields.Num(wantWidth)} m wide"));
        }

        if (Math.Abs(height - wantHeight) > LengthToleranceM)
        {
            found.Add(("upperLeft",
                $"upperLeft is {JsonFields.Num(height)} m from lowerLeft, but {rows} rows of {JsonFields.Num(type.HeightMm)} mm panels are {JsonFields.Num(wantHeight)} m tall"));
        }

        if (width > 0 && height > 0)
        {
            // How far upperLeft leans along the bottom edge: 0 for a right angle.
            var lean = Math.Abs(Vec3.Dot(across, up)) / width;
            if (lean > LengthToleranceM)
            {
                var angle = Math.Acos(Math.Clamp(Vec3.Dot(across, up) / (width * height), -1, 1)) * 180 / Math.PI;
                found.Add(("upperLeft",
                    $"the edges lowerLeft→lowerRight and lowerLeft→upperLeft meet at {angle:0.###}°, not 90° (upperLeft leans {JsonFields.Num(lean * 1000)} mm)"));
            }
        }

        if (ur is { } corner)
        {
            var expected = lr + ul - ll;
            var off = Vec3.Distance(corner, expected);
            if (off > LengthToleranceM)
            {
                found.Add(("upperRight",
                    $"upperRight is {JsonFields.Num(off * 1000)} mm from lowerRight + upperLeft − lowerLeft = " +
                    $"({JsonFields.Num(expected.X)}, {JsonFields.Num(expected.Y)}, {JsonFields.Num(expected.Z)}): the four corners are not a rectangle"));
            }
        }

        // One problem per corner field, however many things are wrong with it.
        foreach (var group in found.GroupBy(f => f.Field))
        {
            _f.Add(ConfigProblemKind.NotRectangular, JsonFields.Prop(path, group.Key), string.Join("; ", group.Select(f => f.Message)));
        }

        return found.Count == 0;
    }

    private void CheckOverlaps()
    {
        var all = new List<StagePanel>();
        foreach (var wall in _walls)
        {
            all.AddRange(wall.Panels);
        }

        var pairs = PanelOverlap.FindOverlaps([.. all.Select(p => p.Quad)]);
        var byWalls = new Dictionary<(int, int), List<(StagePanel, StagePanel)>>();
        foreach (var (a, b) in pairs)
        {
            var pa = all[a];
            var pb = all[b];
            var wa = _wallIndex[pa.WallId];
            var wb = _wallIndex[pb.WallId];
            var key = wa <= wb ? (wa, wb) : (wb, wa);
            if (!byWalls.TryGetValue(key, out var list))
            {
                byWalls[key] = list = [];
            }

            list.Add(wa <= wb ? (pa, pb) : (pb, pa));
        }

        foreach (var ((wa, wb), list) in byWalls.OrderBy(kv => kv.Key))
        {
            var sample = string.Join(", ", list.Take(10).Select(t => $"{t.Item1.Id} × {t.Item2.Id}"));
            var more = list.Count > 10 ? $" and {list.Count - 10} more" : string.Empty;
            var message = wa == wb
                ? $"{list.Count} pair(s) of panels of wall '{_walls[wa].Id}' overlap each other: {sample}{more}"
                : $"wall '{_walls[wb].Id}' overlaps wall '{_walls[wa].Id}' ({_wallPaths[wa]}) in space: {list.Count} panel pair(s) intersect or overlap: {sample}{more}";
            _f.Add(ConfigProblemKind.OverlappingPanels, _wallPaths[wb], message);
        }
    }

    // ---------------------------------------------------------------- processors

    private void ParseProcessor(JsonElement e, string path)
    {
        if (!_f.IsObject(e, path, "a processor"))
        {
            return;
        }

        _f.CheckUnknown(e, path, ProcessorFields);
        var id = _f.String(e, "id", path);
        var model = _f.String(e, "model", path);
        var profile = _f.String(e, "profile", path, required: false);
        var maxPixels = _f.Integer(e, "maxPixels", path, false, 1, long.MaxValue);
        var duplicate = id is not null && IsDuplicate(_processorIdPaths, id, path, "processor id");
        if (id is not null && !duplicate)
        {
            _processorIdPaths[id] = path;
        }

        var outputs = ParseProcessorOutputs(e, path);
        if (id is null || duplicate)
        {
            return;
        }

        if (model is null || outputs is null || (_f.TryGet(e, "maxPixels", path, false, out _) && maxPixels is null))
        {
            _brokenProcessors.Add(id);
            return;
        }

        _processorIndex[id] = _processors.Count;
        _processors.Add(new LedProcessor(id, model, outputs) { Profile = profile, MaxPixels = maxPixels });
    }

    private List<ProcessorOutput>? ParseProcessorOutputs(JsonElement e, string path)
    {
        var hasList = _f.TryGet(e, "outputs", path, false, out _);
        var hasCount = _f.TryGet(e, "outputCount", path, false, out _) || _f.TryGet(e, "pixelsPerOutput", path, false, out _);
        if (hasList && hasCount)
        {
            _f.Add(ConfigProblemKind.InvalidValue, path, "give either 'outputs' (a list) or 'outputCount' + 'pixelsPerOutput', not both");
            return null;
        }

        if (!hasList && !hasCount)
        {
            _f.Add(ConfigProblemKind.MissingField, JsonFields.Prop(path, "outputs"),
                "a processor needs 'outputs' (a list of {output, pixelCapacity}) or 'outputCount' + 'pixelsPerOutput'");
            return null;
        }

        if (hasCount)
        {
            var count = _f.Integer(e, "outputCount", path, true, 1, 10_000);
            var each = _f.Integer(e, "pixelsPerOutput", path, true, 1, long.MaxValue);
            if (count is null || each is null)
            {
                return null;
            }

            return [.. Enumerable.Range(1, (int)count.Value).Select(i => new ProcessorOutput(i, each.Value))];
        }

        if (!_f.Array(e, "outputs", path, true, out var array))
        {
            return null;
        }

        var list = new List<ProcessorOutput>();
        var seen = new Dictionary<long, string>();
        var ok = array.GetArrayLength() > 0;
        if (!ok)
        {
            _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(path, "outputs"), "'outputs' must list at least one output");
        }

        var i = 0;
        foreach (var o in array.EnumerateArray())
        {
            var p = JsonFields.Index(JsonFields.Prop(path, "outputs"), i++);
            if (!_f.IsObject(o, p, "a processor output"))
            {
                ok = false;
                continue;
            }

            _f.CheckUnknown(o, p, ProcessorOutputFields);
            var number = _f.Integer(o, "output", p, true, 1, 10_000);
            var capacity = _f.Integer(o, "pixelCapacity", p, true, 1, long.MaxValue);
            if (number is null || capacity is null)
            {
                ok = false;
                continue;
            }

            if (seen.TryGetValue(number.Value, out var first))
            {
                _f.Add(ConfigProblemKind.DuplicateId, JsonFields.Prop(p, "output"), $"output {number} is already listed at {first}");
                ok = false;
                continue;
            }

            seen[number.Value] = p;
            list.Add(new ProcessorOutput((int)number.Value, capacity.Value));
        }

        return ok ? list : null;
    }

    // ---------------------------------------------------------------- nodes

    private void ParseNode(JsonElement e, string path)
    {
        if (!_f.IsObject(e, path, "a node"))
        {
            return;
        }

        _f.CheckUnknown(e, path, NodeFields);
        var name = _f.String(e, "name", path);
        var duplicate = name is not null && IsDuplicate(_nodeNamePaths, name, path, "node name", "name");
        if (name is not null && !duplicate)
        {
            _nodeNamePaths[name] = path;
        }

        var owner = name ?? JsonFields.Prop(path, "name");
        var all = new List<string>();
        var hasPanels = _f.Array(e, "panels", path, false, out var panels);
        if (hasPanels)
        {
            all.AddRange(ResolveRefs(panels, JsonFields.Prop(path, "panels"), owner));
        }

        var outputs = new List<NodeOutput>();
        var hasOutputs = _f.Array(e, "outputs", path, false, out var outputArray);
        if (hasOutputs)
        {
            var i = 0;
            foreach (var o in outputArray.EnumerateArray())
            {
                if (ParseNodeOutput(o, JsonFields.Index(JsonFields.Prop(path, "outputs"), i++), owner) is { } output)
                {
                    outputs.Add(output);
                    all.AddRange(output.Panels);
                }
            }
        }

        if (!_f.TryGet(e, "panels", path, false, out _) && !_f.TryGet(e, "outputs", path, false, out _))
        {
            _f.Add(ConfigProblemKind.MissingField, JsonFields.Prop(path, "outputs"),
                $"node '{owner}' drives nothing: give 'outputs' (panels through processor outputs) or 'panels'");
        }

        if (name is not null && !duplicate)
        {
            _nodes.Add(new RenderNode(name, all, outputs));
        }
    }

    private NodeOutput? ParseNodeOutput(JsonElement e, string path, string owner)
    {
        if (!_f.IsObject(e, path, "a node output"))
        {
            return null;
        }

        _f.CheckUnknown(e, path, NodeOutputFields);
        var processorId = _f.String(e, "processor", path);
        var number = _f.Integer(e, "output", path, true, 1, 10_000);
        var ids = _f.Array(e, "panels", path, true, out var panels)
            ? ResolveRefs(panels, JsonFields.Prop(path, "panels"), owner)
            : [];

        ProcessorOutput? output = null;
        if (processorId is not null)
        {
            if (_processorIndex.TryGetValue(processorId, out var index))
            {
                var processor = _processors[index];
                output = number is null ? null : processor.Output((int)number.Value);
                if (number is not null && output is null)
                {
                    _f.Add(ConfigProblemKind.UnknownOutput, JsonFields.Prop(path, "output"),
                        $"processor '{processorId}' has no output {number} (its outputs: {Ranges(processor.Outputs.Select(o => o.Number))})");
                }
            }
            else if (!_brokenProcessors.Contains(processorId) && !_processorIdPaths.ContainsKey(processorId))
            {
                _f.Add(ConfigProblemKind.UnknownProcessor, JsonFields.Prop(path, "processor"),
                    $"no processor '{processorId}' in $.processors (defined: {Known(_processorIdPaths.Keys)})");
            }
        }

        if (processorId is null || number is null)
        {
            return null;
        }

        if (output is not null)
        {
            var key = (processorId, output.Number);
            if (!_outputUse.TryGetValue(key, out var use))
            {
                _outputUse[key] = use = new OutputUse(path, output.PixelCapacity);
            }

            foreach (var id in ids)
            {
                use.Panels++;
                use.Pixels += _panels[id].PixelCount;
            }
        }

        return new NodeOutput(processorId, (int)number.Value, ids);
    }

    /// <summary>Resolves panel references (ids or wall ranges) and records which node drives each panel.</summary>
    private List<string> ResolveRefs(JsonElement array, string path, string owner)
    {
        var ids = new List<string>();
        var i = 0;
        foreach (var r in array.EnumerateArray())
        {
            var p = JsonFields.Index(path, i++);
            var resolved = ResolveRef(r, p);
            var twice = new List<string>();
            var earlier = new List<string>();
            foreach (var id in resolved)
            {
                if (_driver.TryGetValue(id, out var first))
                {
                    twice.Add(id);
                    var where = $"node '{first.Node}' at {first.Path}";
                    if (!earlier.Contains(where))
                    {
                        earlier.Add(where);
                    }

                    continue;
                }

                _driver[id] = (owner, p);
                ids.Add(id);
            }

            if (twice.Count > 0)
            {
                _f.Add(ConfigProblemKind.PanelDrivenTwice, p,
                    $"{Plural(twice.Count, "panel")} already driven by {string.Join("; ", earlier)}: {Compress(twice)}");
            }
        }

        return ids;
    }

    private List<string> ResolveRef(JsonElement r, string path)
    {
        if (r.ValueKind == JsonValueKind.String)
        {
            var id = r.GetString()!;
            if (_panels.ContainsKey(id))
            {
                return [id];
            }

            var slash = id.IndexOf('/', StringComparison.Ordinal);
            var wallId = slash > 0 ? id[..slash] : id;
            if (!_brokenWalls.Contains(wallId))
            {
                var hint = _wallIndex.TryGetValue(wallId, out var w)
                    ? $"wall '{wallId}' has columns 1–{_walls[w].Columns} and rows 1–{_walls[w].Rows}"
                    : $"panel ids look like WALL/cCCrRR, e.g. '{(_walls.Count > 0 ? _walls[0].Panels[0].Id : "main/c01r01")}'";
                _f.Add(ConfigProblemKind.UnknownPanel, path, $"no panel '{id}' ({hint})");
            }

            return [];
        }

        if (r.ValueKind != JsonValueKind.Object)
        {
            _f.Add(ConfigProblemKind.WrongType, path,
                $"a panel reference is a panel id string or a range {{\"wall\", \"columns\", \"rows\"}}, not {JsonFields.Describe(r)}");
            return [];
        }

        _f.CheckUnknown(r, path, RangeFields);
        var wallName = _f.String(r, "wall", path);
        Wall? wall = null;
        if (wallName is not null)
        {
            if (_wallIndex.TryGetValue(wallName, out var index))
            {
                wall = _walls[index];
            }
            else if (!_brokenWalls.Contains(wallName))
            {
                _f.Add(ConfigProblemKind.UnknownPanel, JsonFields.Prop(path, "wall"), $"no wall '{wallName}' (defined: {Known(_wallIdPaths.Keys)})");
            }
        }

        var columns = Range(r, "columns", path, wall?.Columns, wall?.Id);
        var rows = Range(r, "rows", path, wall?.Rows, wall?.Id);
        if (wall is null || columns is null || rows is null)
        {
            return [];
        }

        var ids = new List<string>();
        for (var c = columns.Value.From; c <= columns.Value.To; c++)
        {
            for (var row = rows.Value.From; row <= rows.Value.To; row++)
            {
                ids.Add(wall.PanelAt(c, row).Id);
            }
        }

        return ids;
    }

    /// <summary>A 1-based inclusive range written as a number (<c>3</c>) or a string (<c>"3"</c>, <c>"1-7"</c>);
    /// absent means the whole wall.</summary>
    private (int From, int To)? Range(JsonElement r, string name, string path, int? limit, string? wallId)
    {
        var p = JsonFields.Prop(path, name);
        if (!_f.TryGet(r, name, path, false, out var v))
        {
            return limit is null ? null : (1, limit.Value);
        }

        long from;
        long to;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var single))
        {
            from = to = single;
        }
        else if (v.ValueKind == JsonValueKind.String && ParseRange(v.GetString()!, out from, out to))
        {
        }
        else
        {
            _f.Add(ConfigProblemKind.InvalidValue, p, $"write '{name}' as a number or a range string such as \"1-7\", not {JsonFields.Describe(v)}");
            return null;
        }

        if (from < 1 || to < from)
        {
            _f.Add(ConfigProblemKind.InvalidValue, p, $"'{name}' {from}–{to} is not a range from a lower to a higher number, counting from 1");
            return null;
        }

        if (limit is null)
        {
            return null;
        }

        if (to > limit.Value)
        {
            _f.Add(ConfigProblemKind.UnknownPanel, p, $"{name} {from}–{to} reach outside wall '{wallId}', which has {name} 1–{limit}");
            return null;
        }

        return ((int)from, (int)to);
    }

    private static bool ParseRange(string text, out long from, out long to)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var a = dash < 0 ? text : text[..dash];
        var b = dash < 0 ? text : text[(dash + 1)..];
        to = 0;
        return long.TryParse(a.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out from)
            && long.TryParse(b.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out to);
    }

    private void CheckUndriven()
    {
        for (var w = 0; w < _walls.Count; w++)
        {
            var undriven = _walls[w].Panels.Where(p => !_driver.ContainsKey(p.Id)).Select(p => p.Id).ToList();
            if (undriven.Count > 0)
            {
                _f.Add(ConfigProblemKind.UndrivenPanel, _wallPaths[w],
                    $"{(undriven.Count == 1 ? "1 panel" : $"{undriven.Count} panels")} of wall '{_walls[w].Id}' driven by no node: {Compress(undriven)}");
            }
        }
    }

    private void CheckCapacity()
    {
        foreach (var ((processorId, number), use) in _outputUse)
        {
            if (use.Pixels > use.Capacity)
            {
                _f.Add(ConfigProblemKind.OutputOverCapacity, use.FirstPath,
                    $"output {number} of processor '{processorId}' carries {JsonFields.Count(use.Pixels)} px on {Plural(use.Panels, "panel")}, " +
                    $"over its capacity of {JsonFields.Count(use.Capacity)} px");
            }
        }

        for (var i = 0; i < _processors.Count; i++)
        {
            var proc = _processors[i];
            if (proc.MaxPixels is not { } max)
            {
                continue;
            }

            long total = 0;
            foreach (var ((processorId, _), use) in _outputUse)
            {
                if (processorId == proc.Id)
                {
                    total += use.Pixels;
                }
            }

            if (total > max)
            {
                _f.Add(ConfigProblemKind.ProcessorOverCapacity, _processorIdPaths[proc.Id],
                    $"processor '{proc.Id}' carries {JsonFields.Count(total)} px in all, over its limit of {JsonFields.Count(max)} px");
            }
        }
    }

    // ---------------------------------------------------------------- cameras

    private void ParseCamera(JsonElement e, string path)
    {
        if (!_f.IsObject(e, path, "a camera"))
        {
            return;
        }

        _f.CheckUnknown(e, path, CameraFields);
        var name = _f.String(e, "name", path);
        var duplicate = name is not null && IsDuplicate(_cameraNamePaths, name, path, "camera name", "name");
        if (name is not null && !duplicate)
        {
            _cameraNamePaths[name] = path;
        }

        var tracking = ParseTracking(e, path);
        var sensor = ParseSensor(e, path);
        var lens = ParseLens(e, path);
        if (name is not null && !duplicate && tracking is not null && sensor is not null && lens is not null)
        {
            _cameras.Add(new CameraConfig(name, tracking, sensor, lens));
        }
    }

    private TrackingSource? ParseTracking(JsonElement e, string path)
    {
        if (!_f.TryGet(e, "tracking", path, true, out var t))
        {
            return null;
        }

        var p = JsonFields.Prop(path, "tracking");
        if (!_f.IsObject(t, p, "'tracking'"))
        {
            return null;
        }

        _f.CheckUnknown(t, p, TrackingFields);
        var protocolText = _f.String(t, "protocol", p);
        TrackingProtocol? protocol = protocolText switch
        {
            "freed" => TrackingProtocol.FreeD,
            "osc" => TrackingProtocol.Osc,
            "opentrackio" => TrackingProtocol.OpenTrackIO,
            _ => null,
        };
        if (protocolText is not null && protocol is null)
        {
            _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(p, "protocol"),
                $"'protocol' must be \"freed\", \"osc\" or \"opentrackio\", got \"{protocolText}\"");
        }

        var port = _f.Integer(t, "port", p, true, 1, 65535);
        // FreeD camera ids are one byte, 0xFF = any (protocols.md §1.2); OpenTrackIO source numbers are 1–200 (§3.2).
        var (min, max) = protocol switch
        {
            TrackingProtocol.FreeD => (0L, 255L),
            TrackingProtocol.OpenTrackIO => (1L, 200L),
            _ => (0L, int.MaxValue),
        };
        var cameraId = _f.Integer(t, "cameraId", p, true, min, max);
        var vendor = _f.String(t, "vendor", p, required: false);
        if (vendor is not null)
        {
            if (protocol is not TrackingProtocol.FreeD)
            {
                _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(p, "vendor"), "'vendor' selects a FreeD vendor profile; it applies to protocol \"freed\" only");
                return null;
            }

            if (!FreeDVendors.IsKnown(vendor))
            {
                _f.Add(ConfigProblemKind.InvalidValue, JsonFields.Prop(p, "vendor"),
                    $"unknown FreeD vendor '{vendor}' (known: {string.Join(", ", FreeDVendors.DefaultPorts.Keys)})");
                return null;
            }
        }

        return protocol is null || port is null || cameraId is null
            ? null
            : new TrackingSource(protocol.Value, (int)port.Value, (int)cameraId.Value) { Vendor = vendor };
    }

    private CameraSensor? ParseSensor(JsonElement e, string path)
    {
        if (!_f.TryGet(e, "sensor", path, true, out var s))
        {
            return null;
        }

        var p = JsonFields.Prop(path, "sensor");
        if (!_f.IsObject(s, p, "'sensor'"))
        {
            return null;
        }

        _f.CheckUnknown(s, p, SensorFields);
        // The largest cine sensors are about 54 × 26 mm (65 mm formats); 100 mm catches a value typed in µm or px.
        var w = _f.Number(s, "widthMm", p, true, 0, 100, minExclusive: true, ConfigProblemKind.BadCamera, " mm");
        var h = _f.Number(s, "heightMm", p, true, 0, 100, minExclusive: true, ConfigProblemKind.BadCamera, " mm");
        return w is null || h is null ? null : new CameraSensor(w.Value, h.Value);
    }

    private CameraLens? ParseLens(JsonElement e, string path)
    {
        if (!_f.TryGet(e, "lens", path, true, out var l))
        {
            return null;
        }

        var p = JsonFields.Prop(path, "lens");
        if (!_f.IsObject(l, p, "'lens'"))
        {
            return null;
        }

        _f.CheckUnknown(l, p, LensFields);
        var focal = _f.Number(l, "focalLengthMm", p, true, 0, 2000, minExclusive: true, ConfigProblemKind.BadCamera, " mm");
        var hasOffset = _f.TryGet(l, "entrancePupilOffsetM", p, false, out _);
        var offset = _f.Number(l, "entrancePupilOffsetM", p, false, -2, 2, rangeKind: ConfigProblemKind.BadCamera, unit: " m");
        return focal is null || (hasOffset && offset is null) ? null : new CameraLens(focal.Value, offset ?? 0);
    }

    // ---------------------------------------------------------------- helpers

    private bool IsDuplicate(Dictionary<string, string> seen, string id, string path, string what, string field = "id")
    {
        if (!seen.TryGetValue(id, out var first))
        {
            return false;
        }

        _f.Add(ConfigProblemKind.DuplicateId, JsonFields.Prop(path, field), $"{what} '{id}' is already used at {first}");
        return true;
    }

    private static bool IsSlug(string id)
    {
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_' && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private static string Plural(int n, string noun) =>
        n == 1 ? $"1 {noun} is" : $"{n} {noun}s are";

    /// <summary>"1–4, 7" for a set of numbers.</summary>
    private static string Ranges(IEnumerable<int> numbers)
    {
        var sorted = numbers.Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}–{sorted[j]}");
            i = j + 1;
        }

        return string.Join(", ", parts);
    }

    /// <summary>Panel ids with runs of rows in one column folded: <c>main/c01r01–r10, main/c02r03</c>.</summary>
    private string Compress(List<string> ids)
    {
        var panels = ids.Select(id => _panels[id]).OrderBy(p => _wallIndex[p.WallId]).ThenBy(p => p.Column).ThenBy(p => p.Row).ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < panels.Count;)
        {
            var j = i;
            while (j + 1 < panels.Count && panels[j + 1].WallId == panels[i].WallId && panels[j + 1].Column == panels[i].Column
                && panels[j + 1].Row == panels[j].Row + 1)
            {
                j++;
            }

            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            sb.Append(panels[i].Id);
            if (j > i)
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"–r{panels[j].Row:D2}");
            }

            i = j + 1;
        }

        return sb.ToString();
    }

    private sealed class OutputUse(string firstPath, long capacity)
    {
        public string FirstPath { get; } = firstPath;

        public long Capacity { get; } = capacity;

        public int Panels { get; set; }

        public long Pixels { get; set; }
    }
}
