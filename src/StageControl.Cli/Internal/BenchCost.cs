using System.Diagnostics;

namespace StageControl.Cli.Internal;

/// <summary>
/// What a measured window of a <c>bench</c> run cost the whole process: CPU time (all threads, user + kernel),
/// thread-pool work items completed, bytes allocated and garbage collections (count and total pause). Printed in the human-readable line of <c>bench latency|barrier</c> (the JSON
/// contract is unchanged): on a shared 2-core machine the latency percentiles move with other people's load, while the
/// CPU time and the number of thread hops per frame move only with the code, so they show what a change did.
/// </summary>
internal readonly record struct BenchCost(TimeSpan Cpu, long WorkItems, long Wall, int Gen0, TimeSpan GcPause, long Allocated)
{
    /// <summary>A snapshot of the process's figures now.</summary>
    public static BenchCost Now()
    {
        using var process = Process.GetCurrentProcess();
        return new BenchCost(process.TotalProcessorTime, ThreadPool.CompletedWorkItemCount, Stopwatch.GetTimestamp(), GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
    }

    /// <summary>The figures between <paramref name="start"/> and <paramref name="end"/>, per frame of <paramref name="fps"/>:
    /// CPU µs per frame, work items per frame, and the cores busy on average.</summary>
    public static (double CpuUsPerFrame, double WorkItemsPerFrame, double Cores) PerFrame(BenchCost start, BenchCost end, double fps)
    {
        var seconds = (end.Wall - start.Wall) / (double)Stopwatch.Frequency;
        if (seconds <= 0)
        {
            return (0, 0, 0);
        }

        var frames = seconds * fps;
        var cpu = (end.Cpu - start.Cpu).TotalMicroseconds;
        return (cpu / frames, (end.WorkItems - start.WorkItems) / frames, cpu / 1e6 / seconds);
    }

    /// <summary>One phrase for the human-readable line.</summary>
    public static string Describe(BenchCost start, BenchCost end, double fps)
    {
        var (cpu, items, cores) = PerFrame(start, end, fps);
        var frames = (end.Wall - start.Wall) / (double)Stopwatch.Frequency * fps;
        var allocated = frames > 0 ? (end.Allocated - start.Allocated) / frames : 0;
        return FormattableString.Invariant($"CPU {cpu:F0} µs/frame ({cores:F2} cores), {items:F0} thread-pool items/frame, {allocated:F0} B allocated/frame, {end.Gen0 - start.Gen0} GCs pausing {(end.GcPause - start.GcPause).TotalMilliseconds:F1} ms");
    }
}
