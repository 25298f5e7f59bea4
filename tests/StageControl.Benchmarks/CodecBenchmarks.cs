using BenchmarkDotNet.Attributes;

namespace StageControl.Benchmarks;

/// <summary>
/// Per-packet parse cost of each codec against a raw copy of a packet (the baseline, so the report carries ratios).
/// Allocation budgets: budgets.json (0 B per packet, shared/DESIGN.md "Performance budgets").
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    /// <summary>Baseline: a raw copy of the OTrk datagram (the largest input) out of the receive buffer — the least an
    /// ingest must do per packet. A 29-byte copy was too fast for BenchmarkDotNet to tell from an empty method.</summary>
    [Benchmark(Baseline = true)]
    public int Memcpy() => CodecParses.Memcpy(CodecParses.Otrk);

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
