using System.Globalization;

namespace StageControl.Cli.Internal;

/// <summary>Durations as written on the command line (shared/DESIGN.md "Contracts"): <c>500ms</c>, <c>15s</c>, <c>10m</c>, <c>2h</c>.</summary>
internal static class DurationText
{
    /// <summary>Parses a duration; throws <see cref="CliUsageException"/> naming the option when it is malformed.</summary>
    public static TimeSpan Parse(string text, string option)
    {
        var (unit, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? ("ms", 1e-3)
            : text.EndsWith('s') ? ("s", 1.0)
            : text.EndsWith('m') ? ("m", 60.0)
            : text.EndsWith('h') ? ("h", 3600.0)
            : (string.Empty, 0.0);
        if (scale == 0 || !double.TryParse(text.AsSpan(0, text.Length - unit.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !(value > 0) || double.IsInfinity(value))
        {
            throw new CliUsageException($"{option}: '{text}' is not a duration (write e.g. 500ms, 15s, 10m, 2h).");
        }

        return TimeSpan.FromSeconds(value * scale);
    }
}
