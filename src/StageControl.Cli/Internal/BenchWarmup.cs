using System.Diagnostics;
using System.Runtime;

namespace StageControl.Cli.Internal;

/// <summary>
/// The warm-up of a <c>bench</c> phase: at least <see cref="Minimum"/> (connections open, first messages through), then
/// until the JIT has settled. Tiered compilation keeps recompiling hot methods (tier 0 → instrumented → tier 1) for
/// several seconds after start, on the same two cores as the measured work: measured on this machine, JIT threads took
/// a quarter of the process's CPU during the first 3–4 s of a 16-node phase, which is start-up, not the steady state the
/// budgets are about (shared/DESIGN.md "Performance budgets": 0 missed frames over 10 min). Settled = the JIT's total
/// compile time grew by less than <see cref="QuietJitTime"/> over the last <see cref="QuietWindow"/>; at most as long
/// as the measurement itself and never above <see cref="Maximum"/>, so a process that never settles (or a short test
/// run) is measured anyway.
/// </summary>
internal static class BenchWarmup
{
    /// <summary>The shortest warm-up.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest warm-up.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(15);

    /// <summary>How long the JIT must be (nearly) idle.</summary>
    public static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(750);

    /// <summary>JIT time allowed within the quiet window.</summary>
    public static readonly TimeSpan QuietJitTime = TimeSpan.FromMilliseconds(2);

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest warm-up before a measurement of <paramref name="duration"/>.</summary>
    public static TimeSpan LimitFor(TimeSpan duration) => duration < Minimum ? Minimum : duration > Maximum ? Maximum : duration;

    /// <summary>Waits out the warm-up before a measurement of <paramref name="duration"/> (the phase's traffic must
    /// already be flowing); returns how long it took.</summary>
    public static async Task<TimeSpan> UntilSteadyAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var limit = LimitFor(duration);
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(Minimum, cancellationToken).ConfigureAwait(false);

        // A ring of (time, JIT time) samples covering the quiet window.
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
