// The per-message paths of StageControl.Rpc that a node stream runs for every message allocate nothing of their own:
// reading buffered messages from a pipe (pooled async state), framing a request into the call's reused array, and the
// server stream's write whose flush completes at once (shared/STYLE.md "Hot-path rules", "Nothing in steady state
// allocates"). What the deserializer makes is the caller's; here it returns one cached object.
using System.Buffers;
using System.IO.Pipelines;
using StageControl.Rpc.Internal;
using StageControl.Rpc.Server;

namespace StageControl.Rpc.Tests.Wire;

public sealed class PerMessageAllocationTests
{
    private static readonly object s_message = new();

    [Fact]
    public async Task PipeMessageReader_BufferedMessages_AllocatesNothing()
    {
        // Arrange: 3 001 framed 3-byte messages already in the pipe, in one segment, one of them never read (a segment
        // read to its end goes back to the memory pool, which is the pipe's business, not the reader's); the first
        // 1 000 read as a warm-up.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: 64 * 1024, useSynchronizationContext: false));
        for (var i = 0; i < 3_001; i++)
        {
            MessageFraming.WriteMessage(pipe.Writer, "abc"u8);
        }

        await pipe.Writer.FlushAsync();
        var reader = new PipeMessageReader<object>(pipe.Reader, _ => s_message, 100);
        Assert.Equal(1_000, ReadSynchronously(reader, 1_000));
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var read = ReadSynchronously(reader, 2_000);
        var after = GC.GetAllocatedBytesForCurrentThread();

        // Assert
        Assert.Equal(2_000, read);
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void MessageSerializer_FrameRepeatedly_ReusesItsArray()
    {
        // Arrange
        var serializer = new MessageSerializer<byte[]>((message, writer) => writer.Write(message));
        var payload = new byte[160];
        payload[0] = 7;
        _ = serializer.Frame(payload);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var framed = default(ReadOnlyMemory<byte>);
        for (var i = 0; i < 1_000; i++)
        {
            framed = serializer.Frame(payload);
        }

        var after = GC.GetAllocatedBytesForCurrentThread();

        // Assert
        Assert.Equal(0, after - before);
        Assert.Equal(165, framed.Length);
        Assert.Equal([0, 0, 0, 0, 160, 7], framed.Span[..6].ToArray());
    }

    [Fact]
    public async Task ServerResponseStream_FlushCompletesAtOnce_WritesAllocateNothing()
    {
        // Arrange: a transport that takes every flush at once (as Kestrel's HTTP/2 output usually does).
        var transport = new DiscardingPipeWriter();
        var stream = new ServerResponseStream<byte[]>(transport, (message, writer) => writer.Write(message), CancellationToken.None);
        var payload = new byte[20];
        WriteBoth(stream, payload, 100);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        WriteBoth(stream, payload, 1_000);
        var after = GC.GetAllocatedBytesForCurrentThread();

        // Assert
        Assert.Equal(0, after - before);
        Assert.Equal(2 * 1_100 * (5 + 20), transport.Written);
        Assert.Equal(2 * 1_100, transport.Flushes);
        await Task.CompletedTask;
    }

    /// <summary>Takes whatever is written into one reused buffer and completes every flush at once.</summary>
    private sealed class DiscardingPipeWriter : PipeWriter
    {
        private readonly byte[] _buffer = new byte[4096];

        public long Written { get; private set; }

        public int Flushes { get; private set; }

        public override void Advance(int bytes) => Written += bytes;

        public override Memory<byte> GetMemory(int sizeHint = 0) => _buffer;

        public override Span<byte> GetSpan(int sizeHint = 0) => _buffer;

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Flushes++;
            return default;
        }
    }

    private static int ReadSynchronously(PipeMessageReader<object> reader, int count)
    {
        var read = 0;
        for (var i = 0; i < count; i++)
        {
            var next = reader.MoveNextAsync(CancellationToken.None);
            if (next.IsCompletedSuccessfully && next.Result)
            {
                read++;
            }
        }

        return read;
    }

    private static void WriteBoth(ServerResponseStream<byte[]> stream, byte[] payload, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var typed = stream.WriteAsync(payload);
            var serialized = typed.IsCompletedSuccessfully ? stream.WriteSerializedAsync(payload) : Task.FromException(new InvalidOperationException("the flush waited"));
            if (!serialized.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("a write did not complete at once");
            }
        }
    }
}
