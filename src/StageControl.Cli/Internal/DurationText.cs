using System.Globalization;

namespace StageControl.Cli.Internal;

/// <summary>
/// Durations as written on the command line (shared/DESIGN.md "Contracts"): a positive number with a unit —
/// <c>500ms</c>, <c>15s</c>, <c>10m</c>, <c>2h</c> — up to <see cref="Max"/>. A bare number is refused: "10" could mean
/// seconds or minutes, and a shoot-day command should not guess.
/// </summary>
internal static class DurationText
{
    /// <summary>The longest duration accepted (a soak can run for days; beyond a month is a typo).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(30);

    /// <summary>Parses a duration; false when it is malformed, not positive or above <see cref="Max"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var s = text?.Trim() ?? string.Empty;
        var (unit, scale) = s.EndsWith("ms", StringComparison.Ordinal) ? ("ms", 1e-3)
            : s.EndsWith('s') ? ("s", 1.0)
            : s.EndsWith('m') ? ("m", 60.0)
            : s.EndsWith('h') ? ("h", 3600.0)
            : (string.Empty, 0.0);
        if (scale == 0
            || !double.TryParse(s.AsSpan(0, s.Length - unit.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !(value > 0) || value * scale > Max.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }

    /// <summary>Parses a duration; throws <see cref="CliUsageException"/> (exit 2) naming the option when it is malformed.</summary>
    public static TimeSpan Parse(string? text, string option) =>
        TryParse(text, out var duration)
            ? duration
            : throw new CliUsageException($"{option}: '{text}' is not a duration (write e.g. 500ms, 15s, 10m, 2h; at most {Max.TotalDays:0} days).");
}
