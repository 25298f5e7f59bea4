namespace StageControl.Cli.Internal;

/// <summary>
/// The warm-up of a <c>bench</c> phase: at least <see cref="Minimum"/> (connections open, first messages through), then
/// until the JIT has settled (<see cref="JitSettle"/>): measured on this machine, JIT threads took a quarter of the
/// process's CPU during the first 3–4 s of a 16-node phase, which is start-up, not the steady state the budgets are about
/// (shared/DESIGN.md "Performance budgets": 0 missed frames over 10 min). At most as long as the measurement itself and
/// never above <see cref="Maximum"/>, so a process that never settles (or a short test run) is measured anyway.
/// </summary>
internal static class BenchWarmup
{
    /// <summary>The shortest warm-up.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest warm-up.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(15);

    /// <summary>The longest warm-up before a measurement of <paramref name="duration"/>.</summary>
    public static TimeSpan LimitFor(TimeSpan duration) => duration < Minimum ? Minimum : duration > Maximum ? Maximum : duration;

    /// <summary>Waits out the warm-up before a measurement of <paramref name="duration"/> (the phase's traffic must
    /// already be flowing); returns how long it took.</summary>
    public static Task<TimeSpan> UntilSteadyAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        JitSettle.WaitAsync(Minimum, LimitFor(duration), cancellationToken);
}
