namespace StageControl.Node.Internal;

/// <summary>Per-frame timings of the current stats interval; <see cref="Drain"/> returns their percentiles and starts
/// a new interval. Written by the render loop, drained by the stats ticker.</summary>
internal sealed class FrameStatsWindow
{
    private readonly Lock _gate = new();
    private List<(double Render, double Readback, double CueToReady)> _samples = new(256);
    private List<(double Render, double Readback, double CueToReady)> _spare = new(256);

    /// <summary>Records one frame, milliseconds.</summary>
    public void Record(double renderMs, double readbackMs, double cueToReadyMs)
    {
        lock (_gate)
        {
            _samples.Add((renderMs, readbackMs, cueToReadyMs));
        }
    }

    /// <summary>Percentiles of the interval's frames (NaN when none) and its frame count.</summary>
    public (int Count, double RenderP50, double RenderP99, double ReadbackP50, double CueP50, double CueP99) Drain()
    {
        List<(double Render, double Readback, double CueToReady)> taken;
        lock (_gate)
        {
            taken = _samples;
            _samples = _spare;
            _spare = taken;
        }

        var n = taken.Count;
        var render = new double[n];
        var readback = new double[n];
        var cue = new double[n];
        for (var i = 0; i < n; i++)
        {
            (render[i], readback[i], cue[i]) = taken[i];
        }

        taken.Clear();
        Array.Sort(render);
        Array.Sort(readback);
        Array.Sort(cue);
        return (n, Percentile(render, 0.50), Percentile(render, 0.99), Percentile(readback, 0.50), Percentile(cue, 0.50), Percentile(cue, 0.99));
    }

    /// <summary>Nearest-rank percentile of sorted values; NaN when empty.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
