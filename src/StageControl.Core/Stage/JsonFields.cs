using System.Globalization;
using System.Text.Json;
using StageControl.Core.Geometry;

namespace StageControl.Core.Stage;

/// <summary>
/// Reads typed fields out of a <see cref="JsonElement"/> tree and records a <see cref="ConfigProblem"/> (with its
/// JSONPath) for every field that is missing, of the wrong type or out of range, instead of throwing, so one pass
/// over a config reports every problem in it.
/// </summary>
internal sealed class JsonFields(List<ConfigProblem> problems)
{
    public List<ConfigProblem> Problems { get; } = problems;

    public void Add(ConfigProblemKind kind, string path, string message) => Problems.Add(new ConfigProblem(kind, path, message));

    public static string Prop(string path, string name)
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

    public static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    public static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public bool IsObject(JsonElement e, string path, string what)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Add(ConfigProblemKind.WrongType, path, $"{what} must be a JSON object, not {Describe(e)}");
        return false;
    }

    /// <summary>Flags every member of <paramref name="obj"/> not in <paramref name="allowed"/>. Members named
    /// <c>comment</c> or starting with <c>$</c> are always allowed (notes and <c>$schema</c>).</summary>
    public void CheckUnknown(JsonElement obj, string path, IReadOnlyCollection<string> allowed)
    {
        foreach (var member in obj.EnumerateObject())
        {
            if (member.Name.StartsWith('$') || member.Name == "comment" || allowed.Contains(member.Name))
            {
                continue;
            }

            var hint = Closest(member.Name, allowed);
            Add(ConfigProblemKind.UnknownField, Prop(path, member.Name),
                hint is null ? $"unknown field '{member.Name}'" : $"unknown field '{member.Name}' (did you mean '{hint}'?)");
        }
    }

    public bool TryGet(JsonElement obj, string name, string path, bool required, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        if (required)
        {
            Add(ConfigProblemKind.MissingField, Prop(path, name), $"required field '{name}' is missing");
        }

        return false;
    }

    public string? String(JsonElement obj, string name, string path, bool required = true)
    {
        if (!TryGet(obj, name, path, required, out var v))
        {
            return null;
        }

        var p = Prop(path, name);
        if (v.ValueKind != JsonValueKind.String)
        {
            Add(ConfigProblemKind.WrongType, p, $"'{name}' must be a string, not {Describe(v)}");
            return null;
        }

        var s = v.GetString()!;
        if (string.IsNullOrWhiteSpace(s))
        {
            Add(ConfigProblemKind.InvalidValue, p, $"'{name}' must not be empty");
            return null;
        }

        return s;
    }

    /// <summary>A finite number in [min, max] (min exclusive when <paramref name="minExclusive"/>).</summary>
    public double? Number(
        JsonElement obj, string name, string path, bool required, double min = double.MinValue, double max = double.MaxValue,
        bool minExclusive = false, ConfigProblemKind rangeKind = ConfigProblemKind.InvalidValue, string unit = "")
    {
        if (!TryGet(obj, name, path, required, out var v))
        {
            return null;
        }

        var p = Prop(path, name);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            Add(ConfigProblemKind.WrongType, p, $"'{name}' must be a number, not {Describe(v)}");
            return null;
        }

        var low = minExclusive ? d <= min : d < min;
        if (low || d > max)
        {
            var bound = max == double.MaxValue
                ? (minExclusive ? $"greater than {Num(min)}{unit}" : $"at least {Num(min)}{unit}")
                : min == double.MinValue
                    ? $"at most {Num(max)}{unit}"
                    : $"{(minExclusive ? "above" : "from")} {Num(min)}{unit} {(minExclusive ? "and at most" : "to")} {Num(max)}{unit}";
            Add(rangeKind, p, $"'{name}' must be {bound}, got {Num(d)}{unit}");
            return null;
        }

        return d;
    }

    /// <summary>An integer in [min, max].</summary>
    public long? Integer(
        JsonElement obj, string name, string path, bool required, long min, long max,
        ConfigProblemKind rangeKind = ConfigProblemKind.InvalidValue)
    {
        if (!TryGet(obj, name, path, required, out var v))
        {
            return null;
        }

        return IntegerValue(v, name, Prop(path, name), min, max, rangeKind);
    }

    public long? IntegerValue(JsonElement v, string name, string p, long min, long max, ConfigProblemKind rangeKind = ConfigProblemKind.InvalidValue)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            Add(ConfigProblemKind.WrongType, p, $"'{name}' must be a whole number, not {Describe(v)}");
            return null;
        }

        if (n < min || n > max)
        {
            var bound = max == long.MaxValue ? $"at least {Count(min)}" : $"from {Count(min)} to {Count(max)}";
            Add(rangeKind, p, $"'{name}' must be {bound}, got {Count(n)}");
            return null;
        }

        return n;
    }

    public bool Array(JsonElement obj, string name, string path, bool required, out JsonElement array)
    {
        if (!TryGet(obj, name, path, required, out array))
        {
            return false;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            Add(ConfigProblemKind.WrongType, Prop(path, name), $"'{name}' must be an array, not {Describe(array)}");
            return false;
        }

        return true;
    }

    /// <summary>A point <c>{"x": …, "y": …, "z": …}</c> in metres.</summary>
    public Vec3? Point(JsonElement obj, string name, string path, bool required)
    {
        if (!TryGet(obj, name, path, required, out var v))
        {
            return null;
        }

        var p = Prop(path, name);
        if (!IsObject(v, p, $"'{name}' (a point {{\"x\", \"y\", \"z\"}} in metres)"))
        {
            return null;
        }

        CheckUnknown(v, p, ["x", "y", "z"]);
        var x = Number(v, "x", p, true);
        var y = Number(v, "y", p, true);
        var z = Number(v, "z", p, true);
        return x is null || y is null || z is null ? null : new Vec3(x.Value, y.Value, z.Value);
    }

    /// <summary>A floor point <c>{"x": …, "z": …}</c> in metres.</summary>
    public (double X, double Z)? FloorPoint(JsonElement obj, string name, string path, bool required)
    {
        if (!TryGet(obj, name, path, required, out var v))
        {
            return null;
        }

        var p = Prop(path, name);
        if (!IsObject(v, p, $"'{name}' (a floor point {{\"x\", \"z\"}} in metres)"))
        {
            return null;
        }

        CheckUnknown(v, p, ["x", "z"]);
        var x = Number(v, "x", p, true);
        var z = Number(v, "z", p, true);
        return x is null || z is null ? null : (x.Value, z.Value);
    }

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    /// <summary>The allowed name nearest to a misspelt one (edit distance ≤ 2, or a case-only difference).</summary>
    private static string? Closest(string name, IReadOnlyCollection<string> allowed)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            var d = Distance(name, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
