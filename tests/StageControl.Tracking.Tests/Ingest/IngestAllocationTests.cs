// Hot-path budget (shared/STYLE.md "Hot-path rules"): a framed FreeD record parsed to a stored TrackingSample allocates 0 bytes.
using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using StageControl.Tests.Shared;
using StageControl.Tracking.Ingest;

namespace StageControl.Tracking.Tests.Ingest;

public sealed class IngestAllocationTests
{
    [Fact]
    public async Task ProcessRecords_FramedFreeDSteadyState_AllocatesZeroBytes()
    {
        // Arrange: one real datagram first, so the source slot and camera slot exist (first-sight allocations).
        using var source = new FakeDatagramSource();
        source.Enqueue(IngestTestData.FreeDPoseA);
        source.Complete();
        var ingest = new TrackingIngest(source, new TrackingIngestOptions { Format = TrackingFormat.FreeD });
        await ingest.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var payload = IngestTestData.FreeDPoseA;
        var record = new byte[IngestRecord.HeaderLength + payload.Length];
        IngestRecord.WriteHeader(record, payload.Length, Stopwatch.GetTimestamp(), 0);
        payload.CopyTo(record, IngestRecord.HeaderLength);
        var buffer = new ReadOnlySequence<byte>(record);
        Process(ingest, buffer, 1000);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        Process(ingest, buffer, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
        Assert.Equal(11_001, ingest.Samples);
    }

    // Fully optimised from its first call: a loop in a tiered method is moved to optimised code mid-run by on-stack
    // replacement, and that transition allocates on this thread (40 B measured here when this test ran alone), which
    // is the runtime's, not the ingest's.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Process(TrackingIngest ingest, ReadOnlySequence<byte> buffer, int times)
    {
        for (var i = 0; i < times; i++)
        {
            ingest.ProcessRecords(buffer);
        }
    }
}
