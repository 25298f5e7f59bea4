using System.Diagnostics;

namespace StageControl.Cli.Internal;

/// <summary>Even pacing for the <c>bench</c> verbs: one action per due time, never in bursts.</summary>
internal static class BenchPace
{
    /// <summary>
    /// Calls <paramref name="send"/> <paramref name="rate"/> times per second for <paramref name="duration"/> (at most
    /// <paramref name="sentAt"/>.Length times), each index at its own due time (start + i/rate): sleeps while the next
    /// due time is more than 2 ms away, then yields the core (to any runnable thread) until the last 50 µs and spins
    /// those, so datagrams leave evenly spaced rather than in 1 ms bursts that would queue at the receiver and inflate
    /// latency. <paramref name="sentAt"/>[i] gets the Stopwatch time of send i.
    /// Stops early when <paramref name="cancellationToken"/> fires (Ctrl-C). Returns the number of calls made.
    /// </summary>
    public static int Run(double rate, TimeSpan duration, long[] sentAt, Action<int> send, CancellationToken cancellationToken = default)
    {
        var total = (int)Math.Min(sentAt.Length, rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var sleepAbove = Stopwatch.Frequency / 500;
        var spinBelow = Stopwatch.Frequency / 20_000;
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / rate);
            long now;
            while ((now = Stopwatch.GetTimestamp()) < due)
            {
                if (due - now > sleepAbove)
                {
                    Thread.Sleep(1);
                }
                else if (due - now > spinBelow)
                {
                    // Yield rather than spin: the pacer stands in for a tracker on another machine, and a spinning
                    // pacer took a quarter of the bench process's CPU from the coordinator and the nodes it measures.
                    Thread.Yield();
                }
                else
                {
                    Thread.SpinWait(20);
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return i;
            }

            sentAt[i] = Stopwatch.GetTimestamp();
            send(i);
        }

        return total;
    }

    /// <summary>
    /// Runs <paramref name="send"/> at <paramref name="rate"/> on a dedicated thread named <paramref name="name"/>: first
    /// through the warm-up (<see cref="BenchWarmup"/>: until the JIT has settled), then for <paramref name="duration"/>,
    /// the measured window. Just before the first measured send, <paramref name="onMeasuring"/> gets the Stopwatch time
    /// (on the pacing thread). Indices keep counting across the two parts. Returns the warm-up's length and the process's
    /// cost over the measured window. Ctrl-C (<paramref name="cancellationToken"/>) ends either part early.
    /// </summary>
    public static async Task<(TimeSpan Warmup, BenchCost Start, BenchCost End)> RunWarmedAsync(double rate, TimeSpan duration, Action<int> send, Action<long> onMeasuring, string name, CancellationToken cancellationToken)
    {
        using var warm = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = default(BenchCost);
        var thread = new Thread(() =>
        {
            try
            {
                var limit = BenchWarmup.LimitFor(duration) + TimeSpan.FromSeconds(1);
                var warmed = Run(rate, limit, new long[(int)(limit.TotalSeconds * rate) + 1], send, warm.Token);
                start = BenchCost.Now();
                onMeasuring(Stopwatch.GetTimestamp());
                Run(rate, duration, new long[(int)Math.Min(int.MaxValue - 1, (duration.TotalSeconds * rate) + 1)], i => send(warmed + i), cancellationToken);
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        TimeSpan warmup;
        try
        {
            warmup = await BenchWarmup.UntilSteadyAsync(duration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            warmup = TimeSpan.Zero;
        }

        await warm.CancelAsync().ConfigureAwait(false);
        await done.Task.ConfigureAwait(false);
        return (warmup, start, BenchCost.Now());
    }
}
