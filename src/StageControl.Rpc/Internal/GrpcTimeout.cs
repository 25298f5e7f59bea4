// grpc-timeout header codec (grpc/grpc doc/PROTOCOL-HTTP2.md: Timeout → TimeoutValue TimeoutUnit;
// TimeoutValue = 1*8 digits; units H hours, M minutes, S seconds, m ms, u µs, n ns; grpc-wire.md §1.1, §2.16).
using System.Globalization;

namespace StageControl.Rpc.Internal;

/// <summary>Parses and formats <c>grpc-timeout</c> values.</summary>
internal static class GrpcTimeout
{
    /// <summary>The most digits a timeout value may have.</summary>
    public const int MaxDigits = 8;

    private const long MaxValue = 99_999_999;

    // Units from finest to coarsest with their length in nanoseconds; the formatter takes the finest that fits.
    private static readonly (char Unit, long Nanos)[] s_units =
    [
        ('n', 1L),
        ('u', 1_000L),
        ('m', 1_000_000L),
        ('S', 1_000_000_000L),
        ('M', 60L * 1_000_000_000L),
        ('H', 3_600L * 1_000_000_000L),
    ];

    /// <summary>
    /// Parses a header value. False for anything malformed (empty, a ninth digit, non-digits, unknown unit,
    /// zero-length value). The result saturates at <see cref="TimeSpan.MaxValue"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length < 2 || value.Length > MaxDigits + 1)
        {
            return false;
        }

        var digits = value[..^1];
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var number = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        long nanosPerUnit = 0;
        foreach (var (unit, nanos) in s_units)
        {
            if (unit == value[^1])
            {
                nanosPerUnit = nanos;
            }
        }

        if (nanosPerUnit == 0)
        {
            return false;
        }

        // 99,999,999 H in ticks (100 ns) overflows nothing: 99,999,999 × 3.6e10 ≈ 3.6e18 < long.MaxValue (9.2e18).
        var ticks = nanosPerUnit >= 100 ? number * (nanosPerUnit / 100) : (number * nanosPerUnit + 99) / 100;
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>
    /// Formats a positive timeout with the finest unit whose value fits in 8 digits, rounding up so a deadline is
    /// never shortened to zero. Non-positive timeouts format as <c>1n</c> (already expired).
    /// </summary>
    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "1n";
        }

        // Work in ticks (100 ns) to avoid overflowing nanoseconds for long timeouts.
        var ticks = timeout.Ticks;
        foreach (var (unit, nanos) in s_units)
        {
            long value;
            if (nanos < 100)
            {
                if (ticks > MaxValue / 100)
                {
                    continue;
                }

                value = ticks * (100 / nanos);
            }
            else
            {
                var ticksPerUnit = nanos / 100;
                value = (ticks + ticksPerUnit - 1) / ticksPerUnit;
            }

            if (value <= MaxValue)
            {
                return value.ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return MaxValue.ToString(CultureInfo.InvariantCulture) + "H";
    }
}
