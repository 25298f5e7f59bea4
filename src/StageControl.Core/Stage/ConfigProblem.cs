namespace StageControl.Core.Stage;

/// <summary>
/// One problem found while loading a stage config. <see cref="Path"/> is a JSONPath into the file
/// (<c>$.walls[1].panelType</c>); for <see cref="ConfigProblemKind.MalformedJson"/> it is <c>$</c> and
/// <see cref="Line"/>/<see cref="Column"/> (1-based) say where the parser stopped.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Path">Where, as a JSONPath.</param>
/// <param name="Message">A sentence a stage technician can act on.</param>
/// <param name="Line">1-based line, for malformed JSON only.</param>
/// <param name="Column">1-based column, for malformed JSON only.</param>
public sealed record ConfigProblem(ConfigProblemKind Kind, string Path, string Message, int? Line = null, int? Column = null)
{
    /// <summary>The kind as a kebab-case word for JSON output, e.g. <c>unknown-panel-type</c>.</summary>
    public string KindName => ToKebab(Kind.ToString());

    /// <summary><c>FILE: $.path: message</c>; <c>FILE:LINE:COL: message</c> for malformed JSON; <c>FILE: message</c>
    /// for a file that cannot be read.</summary>
    public string Format(string file) =>
        Line is { } line && Column is { } column
            ? FormattableString.Invariant($"{file}:{line}:{column}: {Message}")
            : Kind == ConfigProblemKind.FileNotReadable
                ? $"{file}: {Message}"
                : $"{file}: {Path}: {Message}";

    private static string ToKebab(string name)
    {
        var chars = new List<char>(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    chars.Add('-');
                }

                chars.Add(char.ToLowerInvariant(c));
            }
            else
            {
                chars.Add(c);
            }
        }

        return new string(chars.ToArray());
    }
}
