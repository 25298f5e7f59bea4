using System.Globalization;
using StageControl.Core.Geometry;

namespace StageControl.Core.Calibration;

/// <summary>
/// Reads registration point pairs from CSV (shared/DESIGN.md "Contracts", <c>stagectl calibrate register</c>):
/// <code>
/// # optional comments: lines starting with '#'
/// name,tracker_x,tracker_y,tracker_z,stage_x,stage_y,stage_z
/// P1,0.1,2.0,1.5,0.1,1.5,-2.0
/// </code>
/// The header must be exactly those seven names (the first line that is not blank or a comment). Numbers use the
/// invariant culture ('.' decimal point, exponents allowed); spaces around a field are ignored; blank lines, CRLF and a
/// trailing newline are fine. Names must be non-empty and unique. Quoting is not supported: a name cannot contain ','.
/// Errors name the source, the line (1-based) and the column (1-based field number and header name).
/// </summary>
public static class PointPairCsv
{
    /// <summary>The required header line.</summary>
    public const string Header = "name,tracker_x,tracker_y,tracker_z,stage_x,stage_y,stage_z";

    private static readonly string[] Columns = Header.Split(',');

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> (a file name) prefixes error messages.</summary>
    public static bool TryParse(string text, string source, out IReadOnlyList<PointPair> pairs, out string why)
    {
        ArgumentNullException.ThrowIfNull(text);
        pairs = [];
        var list = new List<PointPair>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerSeen = false;
        var lines = text.Split('\n');
        Span<double> values = stackalloc double[6];
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNo = index + 1;
            var line = lines[index].TrimEnd('\r');
            if (index == 0 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var fields = line.Split(',');
            if (!headerSeen)
            {
                if (!IsHeader(fields))
                {
                    why = $"{source} line {lineNo}: header must be exactly '{Header}', found '{trimmed}'";
                    return false;
                }

                headerSeen = true;
                continue;
            }

            if (fields.Length != Columns.Length)
            {
                why = $"{source} line {lineNo}: expected {Columns.Length} fields ({Header}), found {fields.Length}";
                return false;
            }

            var name = fields[0].Trim();
            if (name.Length == 0)
            {
                why = $"{source} line {lineNo}, column 1 (name): the name is empty";
                return false;
            }

            if (seen.TryGetValue(name, out var firstLine))
            {
                why = $"{source} line {lineNo}, column 1 (name): name '{name}' repeats line {firstLine}";
                return false;
            }

            for (var c = 0; c < 6; c++)
            {
                var field = fields[c + 1].Trim();
                if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]))
                {
                    why = $"{source} line {lineNo}, column {c + 2} ({Columns[c + 1]}): '{field}' is not a number";
                    return false;
                }

                if (!double.IsFinite(values[c]))
                {
                    why = $"{source} line {lineNo}, column {c + 2} ({Columns[c + 1]}): '{field}' is not finite";
                    return false;
                }
            }

            seen.Add(name, lineNo);
            list.Add(new PointPair(
                name,
                new Vec3(values[0], values[1], values[2]),
                new Vec3(values[3], values[4], values[5])));
        }

        if (!headerSeen)
        {
            why = $"{source}: no header line; the file must start with '{Header}'";
            return false;
        }

        pairs = list;
        why = string.Empty;
        return true;
    }

    private static bool IsHeader(string[] fields)
    {
        if (fields.Length != Columns.Length)
        {
            return false;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (!string.Equals(fields[i].Trim(), Columns[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
