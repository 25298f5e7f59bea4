// The coordinator's state files (README "Stage technicians"): calibration.json and operator.json in the state directory.
//
// calibration.json                                   operator.json
// {                                                  {
//   "format": 1,                                       "format": 1,
//   "cameras": {                                       "version": 7,
//     "A-cam": {                                       "activeCamera": "A-cam",
//       "version": 3,                                  "overscanPct": 10,
//       "changedBy": "technician:alice",               "softEdge": 0.1,
//       "changedUnixNs": 1735689600000000000,          "delayOffsetMs": 0,
//       "registration": {                              "freeze": false,
//         "rotation": [[1,0,0],[0,1,0],[0,0,1]],       "chromaKey": { "enabled": false, "red": 0, "green": 0, "blue": 0 }
//         "translation": [0.5, 0, -1.2],             }
//         "scale": 1, "rmsM": 0.0012,
//         "solvedUnixNs": 1735689600000000000, "pointCount": 6
//       },                                           "registration" and "filter" are absent (or null) when off.
//       "delayMs": -12.5,                            Values are checked as the gRPC services check them; a problem
//       "filter": { "minCutoffHz": 1, "beta": 0.007,  names the file, the JSON path and what is wrong.
//                   "derivativeCutoffHz": 1 }
//     }
//   }
// }
using System.Globalization;
using System.Text.Json;
using StageControl.Coordinator.Calibration;
using StageControl.Coordinator.Operator;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.State;

/// <summary>Reads and writes the state files. Reading throws <see cref="StateFileException"/> naming the JSON path.</summary>
internal static class StateFiles
{
    /// <summary>The calibration file's name.</summary>
    public const string CalibrationFile = "calibration.json";

    /// <summary>The operator controls file's name.</summary>
    public const string OperatorFile = "operator.json";

    /// <summary>The format number written and understood.</summary>
    public const int Format = 1;

    private static readonly JsonDocumentOptions s_documentOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };
    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = true };
    private static readonly string[] s_calibrationRoot = ["format", "cameras"];
    private static readonly string[] s_cameraFields = ["version", "changedBy", "changedUnixNs", "registration", "delayMs", "filter"];
    private static readonly string[] s_registrationFields = ["rotation", "translation", "scale", "rmsM", "solvedUnixNs", "pointCount"];
    private static readonly string[] s_filterFields = ["minCutoffHz", "beta", "derivativeCutoffHz"];
    private static readonly string[] s_operatorFields = ["format", "version", "activeCamera", "overscanPct", "softEdge", "delayOffsetMs", "freeze", "chromaKey"];
    private static readonly string[] s_chromaFields = ["enabled", "red", "green", "blue"];

    /// <summary>Parses calibration.json: every camera's record (valid, as the service would accept it), in file order.</summary>
    public static List<CameraCalibration> ParseCalibration(string json)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        CheckObject(root, "$");
        CheckFields(root, "$", s_calibrationRoot);
        CheckFormat(root);
        var list = new List<CameraCalibration>();
        if (!root.TryGetProperty("cameras", out var cameras) || cameras.ValueKind == JsonValueKind.Null)
        {
            return list;
        }

        CheckObject(cameras, "$.cameras");
        foreach (var member in cameras.EnumerateObject())
        {
            var path = Prop("$.cameras", member.Name);
            if (string.IsNullOrWhiteSpace(member.Name))
            {
                throw new StateFileException(path, "a camera name must not be empty");
            }

            list.Add(ParseCamera(member.Name, member.Value, path));
        }

        return list;
    }

    /// <summary>Parses operator.json into a state (version as in the file, applying from the start).</summary>
    public static OperatorState ParseOperator(string json)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        CheckObject(root, "$");
        CheckFields(root, "$", s_operatorFields);
        CheckFormat(root);
        var state = new OperatorState
        {
            Version = (ulong)Integer(root, "version", "$", required: true, min: 1),
            ActiveCamera = Text(root, "activeCamera", "$", required: true),
            OverscanPct = Number(root, "overscanPct", "$", 0, OperatorControls.MaxOverscanPct, required: false),
            SoftEdge = Number(root, "softEdge", "$", 0, OperatorControls.MaxSoftEdge, required: false),
            DelayOffsetMs = Number(root, "delayOffsetMs", "$", -OperatorControls.MaxDelayOffsetMs, OperatorControls.MaxDelayOffsetMs, required: false),
            Freeze = Boolean(root, "freeze", "$"),
            ChromaKey = new ChromaKey(),
            AppliesFromFrame = long.MinValue,
        };
        if (root.TryGetProperty("chromaKey", out var key) && key.ValueKind != JsonValueKind.Null)
        {
            const string path = "$.chromaKey";
            CheckObject(key, path);
            CheckFields(key, path, s_chromaFields);
            state.ChromaKey.Enabled = Boolean(key, "enabled", path);
            state.ChromaKey.Red = (float)Number(key, "red", path, 0, 1, required: false);
            state.ChromaKey.Green = (float)Number(key, "green", path, 0, 1, required: false);
            state.ChromaKey.Blue = (float)Number(key, "blue", path, 0, 1, required: false);
        }

        return state;
    }

    /// <summary>calibration.json for <paramref name="records"/> (stage cameras, then cameras kept from the file).</summary>
    public static byte[] FormatCalibration(IEnumerable<CameraCalibration> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("format", Format);
            w.WriteStartObject("cameras");
            foreach (var record in records)
            {
                w.WriteStartObject(record.Camera);
                w.WriteNumber("version", record.Version);
                w.WriteString("changedBy", record.ChangedBy);
                w.WriteNumber("changedUnixNs", record.ChangedUnixNs);
                if (record.Registration is { } r)
                {
                    // Each row and the translation on one line, so a person can read the matrix in the file.
                    w.WriteStartObject("registration");
                    w.WritePropertyName("rotation");
                    w.WriteRawValue(string.Concat(
                        "[\n          ", Row(r.Rotation[0], r.Rotation[1], r.Rotation[2]),
                        ",\n          ", Row(r.Rotation[3], r.Rotation[4], r.Rotation[5]),
                        ",\n          ", Row(r.Rotation[6], r.Rotation[7], r.Rotation[8]),
                        "\n        ]"));
                    var t = r.Translation ?? new Vec3();
                    w.WritePropertyName("translation");
                    w.WriteRawValue(Row(t.X, t.Y, t.Z));
                    w.WriteNumber("scale", r.Scale);
                    w.WriteNumber("rmsM", r.RmsM);
                    w.WriteNumber("solvedUnixNs", r.SolvedUnixNs);
                    w.WriteNumber("pointCount", r.PointCount);
                    w.WriteEndObject();
                }

                w.WriteNumber("delayMs", record.DelayMs);
                if (record.Filter is { } f)
                {
                    w.WriteStartObject("filter");
                    w.WriteNumber("minCutoffHz", f.MinCutoffHz);
                    w.WriteNumber("beta", f.Beta);
                    w.WriteNumber("derivativeCutoffHz", f.DerivativeCutoffHz);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>operator.json for <paramref name="state"/>.</summary>
    public static byte[] FormatOperator(OperatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("format", Format);
            w.WriteNumber("version", state.Version);
            w.WriteString("activeCamera", state.ActiveCamera);
            w.WriteNumber("overscanPct", state.OverscanPct);
            w.WriteNumber("softEdge", state.SoftEdge);
            w.WriteNumber("delayOffsetMs", state.DelayOffsetMs);
            w.WriteBoolean("freeze", state.Freeze);
            var key = state.ChromaKey ?? new ChromaKey();
            w.WriteStartObject("chromaKey");
            w.WriteBoolean("enabled", key.Enabled);
            w.WriteNumber("red", key.Red);
            w.WriteNumber("green", key.Green);
            w.WriteNumber("blue", key.Blue);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary><c>[a, b, c]</c> with round-trip numbers (finite: the rules checked them).</summary>
    private static string Row(double a, double b, double c) =>
        string.Create(CultureInfo.InvariantCulture, $"[{a:R}, {b:R}, {c:R}]");

    private static CameraCalibration ParseCamera(string name, JsonElement camera, string path)
    {
        CheckObject(camera, path);
        CheckFields(camera, path, s_cameraFields);
        var record = new CameraCalibration
        {
            Camera = name,
            Version = (ulong)Integer(camera, "version", path, required: true, min: 1),
            ChangedBy = Text(camera, "changedBy", path, required: false),
            ChangedUnixNs = Integer(camera, "changedUnixNs", path, required: false, min: 0),
        };
        var delay = Number(camera, "delayMs", path, double.MinValue, double.MaxValue, required: false);
        if (CalibrationRules.CheckDelay(delay) is { } problem)
        {
            throw new StateFileException(path + ".delayMs", problem);
        }

        record.DelayMs = delay;
        if (camera.TryGetProperty("registration", out var registration) && registration.ValueKind != JsonValueKind.Null)
        {
            record.Registration = ParseRegistration(registration, path + ".registration");
        }

        if (camera.TryGetProperty("filter", out var filter) && filter.ValueKind != JsonValueKind.Null)
        {
            var filterPath = path + ".filter";
            CheckObject(filter, filterPath);
            CheckFields(filter, filterPath, s_filterFields);
            record.Filter = new OneEuroParameters
            {
                MinCutoffHz = Number(filter, "minCutoffHz", filterPath, double.MinValue, double.MaxValue, required: true),
                Beta = Number(filter, "beta", filterPath, double.MinValue, double.MaxValue, required: false),
                DerivativeCutoffHz = Number(filter, "derivativeCutoffHz", filterPath, double.MinValue, double.MaxValue, required: false, fallback: CalibrationRules.DefaultDerivativeCutoffHz),
            };
            if (CalibrationRules.Check(record.Filter) is { } bad)
            {
                throw new StateFileException(filterPath + "." + Camel(bad.Field), bad.Message);
            }
        }

        return record;
    }

    private static CameraRegistration ParseRegistration(JsonElement e, string path)
    {
        CheckObject(e, path);
        CheckFields(e, path, s_registrationFields);
        var registration = new CameraRegistration();
        var rotationPath = path + ".rotation";
        if (!e.TryGetProperty("rotation", out var rows) || rows.ValueKind == JsonValueKind.Null)
        {
            throw new StateFileException(rotationPath, "required field 'rotation' is missing (3 rows of 3 numbers)");
        }

        if (rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() != 3)
        {
            throw new StateFileException(rotationPath, "must be 3 rows of 3 numbers, e.g. [[1,0,0],[0,1,0],[0,0,1]]");
        }

        var r = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var rowPath = Index(rotationPath, r);
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != 3)
            {
                throw new StateFileException(rowPath, "must be a row of 3 numbers");
            }

            var c = 0;
            foreach (var value in row.EnumerateArray())
            {
                registration.Rotation.Add(Finite(value, Index(rowPath, c)));
                c++;
            }

            r++;
        }

        var translationPath = path + ".translation";
        if (!e.TryGetProperty("translation", out var t) || t.ValueKind != JsonValueKind.Array || t.GetArrayLength() != 3)
        {
            throw new StateFileException(translationPath, "must be 3 numbers [x, y, z] in metres");
        }

        registration.Translation = new Vec3
        {
            X = Finite(t[0], Index(translationPath, 0)),
            Y = Finite(t[1], Index(translationPath, 1)),
            Z = Finite(t[2], Index(translationPath, 2)),
        };
        registration.Scale = Number(e, "scale", path, double.MinValue, double.MaxValue, required: true);
        registration.RmsM = Number(e, "rmsM", path, double.MinValue, double.MaxValue, required: false);
        registration.SolvedUnixNs = Integer(e, "solvedUnixNs", path, required: false, min: 0);
        registration.PointCount = (int)Integer(e, "pointCount", path, required: false, min: 0, max: int.MaxValue);
        if (CalibrationRules.Check(registration) is { } problem)
        {
            throw new StateFileException(path + "." + Camel(problem.Field), problem.Message);
        }

        return registration;
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, s_documentOptions);
        }
        catch (JsonException e)
        {
            // LineNumber and BytePositionInLine are 0-based; editors count from 1.
            var where = string.Create(CultureInfo.InvariantCulture, $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}");
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new StateFileException(e.Path ?? "$", $"malformed JSON at {where}: {(cut > 0 ? message[..cut] : message).TrimEnd(' ', '.')}");
        }
    }

    private static void CheckFormat(JsonElement root)
    {
        var format = Integer(root, "format", "$", required: true, min: 0);
        if (format != Format)
        {
            throw new StateFileException("$.format", string.Create(CultureInfo.InvariantCulture,
                $"format {format} is not understood by this coordinator (it reads format {Format}); was the file written by a newer version?"));
        }
    }

    private static void CheckObject(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new StateFileException(path, $"must be a JSON object, not {Describe(e)}");
        }
    }

    private static void CheckFields(JsonElement obj, string path, string[] allowed)
    {
        foreach (var member in obj.EnumerateObject())
        {
            if (Array.IndexOf(allowed, member.Name) < 0)
            {
                throw new StateFileException(Prop(path, member.Name), $"unknown field '{member.Name}' (known: {string.Join(", ", allowed)})");
            }
        }
    }

    private static double Number(JsonElement obj, string name, string path, double min, double max, bool required = true, double fallback = 0)
    {
        var p = Prop(path, name);
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new StateFileException(p, $"required field '{name}' is missing") : fallback;
        }

        var d = Finite(v, p);
        if (d < min || d > max)
        {
            throw new StateFileException(p, string.Create(CultureInfo.InvariantCulture, $"{d} is outside {min}..{max}"));
        }

        return d;
    }

    private static double Finite(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw new StateFileException(path, $"must be a finite number, not {Describe(v)}");
        }

        return d;
    }

    private static long Integer(JsonElement obj, string name, string path, bool required, long min, long max = long.MaxValue)
    {
        var p = Prop(path, name);
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new StateFileException(p, $"required field '{name}' is missing") : 0;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            throw new StateFileException(p, $"must be a whole number, not {Describe(v)}");
        }

        if (n < min || n > max)
        {
            throw new StateFileException(p, string.Create(CultureInfo.InvariantCulture, $"{n} is outside {min}..{max}"));
        }

        return n;
    }

    private static string Text(JsonElement obj, string name, string path, bool required)
    {
        var p = Prop(path, name);
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new StateFileException(p, $"required field '{name}' is missing") : string.Empty;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new StateFileException(p, $"must be a string, not {Describe(v)}");
    }

    private static bool Boolean(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new StateFileException(Prop(path, name), $"must be true or false, not {Describe(v)}"),
        };
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => "null",
    };

    /// <summary>A JSONPath member step: <c>.name</c>, or <c>['odd name']</c> when the name is not a plain word.</summary>
    internal static string Prop(string path, string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
            }
        }

        return name.Length == 0 ? $"{path}['']" : $"{path}.{name}";
    }

    private static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>A proto field name ("rms_m", "rotation[4]") as the file spells it ("rmsM"; rotation[1][1]).</summary>
    private static string Camel(string field)
    {
        if (field.StartsWith("rotation[", StringComparison.Ordinal))
        {
            var i = int.Parse(field.AsSpan(9, field.Length - 10), CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"rotation[{i / 3}][{i % 3}]");
        }

        var parts = field.Split('_');
        for (var i = 1; i < parts.Length; i++)
        {
            parts[i] = parts[i].Length == 0 ? parts[i] : char.ToUpperInvariant(parts[i][0]) + parts[i][1..];
        }

        return string.Concat(parts);
    }
}
