// Enforces tests/StageControl.Benchmarks/budgets.json in the default suite: each benchmarked parse, run 10 000 times
// on the same input, must allocate no more than its per-packet budget (shared/STYLE.md "Tests"; no timing asserted).
using System.Buffers;
using System.Text.Json.Nodes;
using StageControl.Benchmarks;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.OpenTrackIO;

namespace StageControl.Tracking.Tests.Benchmarks;

public sealed class AllocationBudgetTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Budgets_EveryBenchmarkedParse_StaysWithinItsAllocationBudget()
    {
        // Arrange
        var budgets = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Benchmarks", "budgets.json")))!["budgets"]!.AsObject();
        Assert.Equal(CodecParses.Names.Order(), budgets.Select(p => p.Key).Order());

        foreach (var (name, budget) in budgets)
        {
            // Warm up: JIT, tiering and static initialisation allocate once.
            for (var i = 0; i < 100; i++)
            {
                CodecParses.Run(name);
            }

            // Act
            var check = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Iterations; i++)
            {
                check += CodecParses.Run(name);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // Assert
            Assert.True(allocated <= (long)budget! * Iterations, $"{name}: {allocated} bytes over {Iterations} parses (budget {(long)budget!} B/packet, check {check})");
        }
    }

    [Fact]
    public void Inputs_EveryCodec_ParsesItsBenchmarkInput()
    {
        // Arrange + Act + Assert: a benchmark of a failing parse would measure the error path.
        Assert.Equal(OperationStatus.Done, FreeDReader.TryReadDatagram(CodecParses.FreeD, out _, out _));
        Assert.Equal((int)OperationStatus.Done, CodecParses.ParseOsc());
        Assert.Equal(OperationStatus.Done, OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(CodecParses.Otrk), out _, out _, out _));
    }
}
