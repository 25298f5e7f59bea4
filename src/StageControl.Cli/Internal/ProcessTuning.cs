using System.Runtime;

namespace StageControl.Cli.Internal;

/// <summary>
/// Process settings for the commands that keep frame time (coordinator, node, demo, the benches). Node sessions, Kestrel,
/// the HTTP/2 clients and the tracking ingest all run on the thread pool; on a cold start the JIT holds its few threads
/// and the pool adds one only every ~0.5 s, so the first second or two of frames would miss their deadlines (measured in
/// tests/StageControl.Coordinator.Tests/TestStage.cs): start with a larger minimum. During a show no full blocking GC
/// (gen0/gen1 still run; background gen2 only): frame pacing matters more than heap size (GCLatencyMode.SustainedLowLatency).
/// </summary>
internal static class ProcessTuning
{
    /// <summary>Raises the thread pool's minimum worker and I/O threads to at least <paramref name="minThreads"/>, and
    /// with <paramref name="sustainedLowLatencyGc"/> sets the GC latency mode for the rest of the process.</summary>
    /// <param name="minThreads">The minimum worker and completion-port threads.</param>
    /// <param name="sustainedLowLatencyGc">Whether to keep full blocking collections away.</param>
    public static void ForFrameTiming(int minThreads, bool sustainedLowLatencyGc)
    {
        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, minThreads), Math.Max(completion, minThreads));
        if (sustainedLowLatencyGc)
        {
            GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        }
    }
}
