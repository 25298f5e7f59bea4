using System.Diagnostics;

namespace StageControl.Cli.Internal;

/// <summary>Even pacing for the <c>bench</c> verbs: one action per due time, never in bursts.</summary>
internal static class BenchPace
{
    /// <summary>
    /// Calls <paramref name="send"/> <paramref name="rate"/> times per second for <paramref name="duration"/> (at most
    /// <paramref name="sentAt"/>.Length times), each index at its own due time (start + i/rate): sleeps while the next
    /// due time is more than 2 ms away, then spins, so datagrams leave evenly spaced rather than in 1 ms bursts that
    /// would queue at the receiver and inflate latency. <paramref name="sentAt"/>[i] gets the Stopwatch time of send i.
    /// Stops early when <paramref name="cancellationToken"/> fires (Ctrl-C). Returns the number of calls made.
    /// </summary>
    public static int Run(double rate, TimeSpan duration, long[] sentAt, Action<int> send, CancellationToken cancellationToken = default)
    {
        var total = (int)Math.Min(sentAt.Length, rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var sleepAbove = Stopwatch.Frequency / 500;
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
}
