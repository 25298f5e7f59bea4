using System.Diagnostics;
using System.Runtime;

namespace StageControl.Cli.Internal;

/// <summary>
/// Waits until the JIT has settled: tiered compilation keeps recompiling hot methods (tier 0 → instrumented → tier 1)
/// for several seconds after a process starts or a new code path gets busy. Settled = the JIT's total compile time grew
/// by less than <see cref="QuietJitTime"/> over the last <see cref="QuietWindow"/>.
/// </summary>
internal static class JitSettle
{
    /// <summary>How long the JIT must be (nearly) idle.</summary>
    public static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(750);

    /// <summary>JIT time allowed within the quiet window.</summary>
    public static readonly TimeSpan QuietJitTime = TimeSpan.FromMilliseconds(2);

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits at least <paramref name="minimum"/>, then until the JIT has settled or <paramref name="limit"/>
    /// has passed since the call; returns how long it waited.</summary>
    public static async Task<TimeSpan> WaitAsync(TimeSpan minimum, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(minimum, cancellationToken).ConfigureAwait(false);

        // A ring of JIT-time samples covering the quiet window: newest − oldest is the JIT time within it.
        var window = (int)Math.Ceiling(QuietWindow / s_poll);
        var jit = new TimeSpan[window + 1];
        var filled = 0;
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            jit[filled % jit.Length] = JitInfo.GetCompilationTime(currentThread: false);
            filled++;
            if (filled > window && jit[(filled - 1) % jit.Length] - jit[filled % jit.Length] < QuietJitTime)
            {
                break;
            }

            await Task.Delay(s_poll, cancellationToken).ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(started);
    }
}
