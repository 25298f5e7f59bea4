using BenchmarkDotNet.Attributes;

namespace StageControl.Benchmarks;

/// <summary>
/// Per-packet parse cost of each codec against a raw copy of a packet (the baseline, so the report carries ratios).
/// Allocation budgets: budgets.json (0 B per packet, shared/DESIGN.md "Performance budgets").
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    /// <summary>Baseline: memcpy of the 29-byte FreeD packet.</summary>
    [Benchmark(Baseline = true)]
    public int Memcpy() => CodecParses.Memcpy(CodecParses.FreeD);

    /// <summary>FreeD D1 parse.</summary>
    [Benchmark]
    public int FreeD() => CodecParses.ParseFreeD();

    /// <summary>OSC message parse with a struct handler.</summary>
    [Benchmark]
    public int OscMessage() => CodecParses.ParseOsc();

    /// <summary>OTrk header + Fletcher checksum.</summary>
    [Benchmark]
    public int OtrkHeaderChecksum() => CodecParses.ParseOtrk();
}
