using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// The tracking hub's ingest for one port (shared/STYLE.md "I/O layer"): an I/O loop receives datagrams from an
/// <see cref="IDatagramSource"/> straight into a <see cref="Pipe"/>, framing each as an <see cref="IngestRecord"/>
/// stamped with its arrival time; a reader loop (resumed inline by the I/O loop's flush) parses the records
/// synchronously, hands each datagram to the format's decoder and stores the samples latest-wins in
/// <see cref="Latest"/>. Invalid datagrams are counted per reason and per source and never end a loop. Steady state
/// allocates nothing for FreeD and OSC.
/// </summary>
public sealed class TrackingIngest
{
    private readonly IDatagramSource _source;
    private readonly TrackingIngestOptions _options;
    private readonly TrackingDecoder _decoder;
    private readonly SourceTable _sources;
    private readonly Pipe _pipe;
    private readonly Forwarder _sink;
    private readonly long[] _rejects = new long[(int)IngestRejectReason.NoPose + 1];
    private long _datagrams;
    private long _samples;

    /// <summary>An ingest reading <paramref name="source"/> (not owned: the caller disposes it).</summary>
    public TrackingIngest(IDatagramSource source, TrackingIngestOptions? options = null, LatestSampleSlots? latest = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _options = options ?? new TrackingIngestOptions();
        _decoder = TrackingDecoder.Create(_options.Format, _options.OscMap, _options.FreeDVendor);
        _sources = new SourceTable(_options.Allowlist, _options.MaxSources);
        Latest = latest ?? new LatestSampleSlots();
        _sink = new Forwarder(this);
        var segment = Math.Max(4096, (IngestRecord.HeaderLength + _options.MaxDatagramLength) * 4);

        // No back-pressure worth the name: the writer pauses only when the reader is a few MiB behind. The reader loop
        // resumes inline, inside the I/O loop's FlushAsync, rather than as a thread-pool work item: the records are
        // still written into the pipe and parsed out of it by the reader loop, but a datagram no longer waits for a
        // second thread to be woken between its arrival stamp and its sample (measured with stagectl bench ingest and
        // bench latency on 2 cores). Meanwhile later datagrams wait in the socket's receive buffer (4 MiB), not lost.
        _pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: 16 << 20,
            resumeWriterThreshold: 8 << 20,
            minimumSegmentSize: segment,
            readerScheduler: PipeScheduler.Inline,
            useSynchronizationContext: false));
    }

    /// <summary>The latest sample per camera.</summary>
    public LatestSampleSlots Latest { get; }

    /// <summary>Datagrams received (all sources, rejected ones included).</summary>
    public long Datagrams => Volatile.Read(ref _datagrams);

    /// <summary>Samples produced.</summary>
    public long Samples => Volatile.Read(ref _samples);

    /// <summary>Rejected datagrams for one reason, all sources together.</summary>
    public long Rejects(IngestRejectReason reason) => Volatile.Read(ref _rejects[(int)reason]);

    /// <summary>Figures of every sender seen (allocates; for displays and tests).</summary>
    public IReadOnlyList<SourceStatsSnapshot> SourceStats()
    {
        var count = _sources.Count;
        var list = new List<SourceStatsSnapshot>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(_sources.Stats(i).Snapshot());
        }

        return list;
    }

    /// <summary>Runs both loops until <paramref name="cancellationToken"/> fires or the source ends, then drains.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reading = Task.Run(ReadLoopAsync, CancellationToken.None);
        try
        {
            await ReceiveLoopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Parses every whole record in <paramref name="buffer"/> and returns the position after the last one. Synchronous:
    /// the <see cref="SequenceReader{T}"/> never crosses an await (shared/STYLE.md "Hot-path rules").
    /// </summary>
    internal SequencePosition ProcessRecords(in ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (IngestRecord.TryRead(ref reader, out var timestamp, out var source, out var payload) == OperationStatus.Done)
        {
            ProcessDatagram(payload, timestamp, source);
        }

        return reader.Position;
    }

    /// <summary>One datagram of an allowed source: decode, count, hand off.</summary>
    internal void ProcessDatagram(in ReadOnlySequence<byte> payload, long timestamp, int source)
    {
        var stats = _sources.Stats(source);
        stats.OnPacket(timestamp);
        var reason = _decoder.Decode(payload, timestamp, source, _sources, _sink);
        if (reason != IngestRejectReason.None)
        {
            stats.OnReject(reason);
            Reject(reason);
        }
    }

    private void Reject(IngestRejectReason reason)
    {
        Interlocked.Increment(ref _rejects[(int)reason]);
        IngestMetrics.Reject(reason, _decoder.FormatName);
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var writer = _pipe.Writer;
        var address = _source.CreateAddress();
        var maxLength = _options.MaxDatagramLength;
        while (!cancellationToken.IsCancellationRequested)
        {
            var memory = writer.GetMemory(IngestRecord.HeaderLength + maxLength);
            int received;
            try
            {
                received = await _source.ReceiveAsync(memory.Slice(IngestRecord.HeaderLength, maxLength), address, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException)
            {
                // ICMP port-unreachable echoes and the like: UDP has no connection to end, so keep receiving.
                continue;
            }
            catch (ObjectDisposedException)
            {
                break;
            }

            if (received < 0)
            {
                break;
            }

            var timestamp = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _datagrams);
            IngestMetrics.Datagram(_decoder.FormatName);
            var slot = _sources.Resolve(address);
            if (slot < 0 || !_sources.IsAllowed(slot))
            {
                var reason = slot < 0 ? IngestRejectReason.TooManySources : IngestRejectReason.NotAllowed;
                if (slot >= 0)
                {
                    // Counted here, on the I/O loop: a rejected sender's datagrams never enter the pipe.
                    _sources.Stats(slot).OnPacket(timestamp);
                    _sources.Stats(slot).OnReject(reason);
                }

                Reject(reason);
                continue;
            }

            IngestRecord.WriteHeader(memory.Span, received, timestamp, slot);
            writer.Advance(IngestRecord.HeaderLength + received);
            var flushing = writer.FlushAsync(CancellationToken.None);
            if (!flushing.IsCompleted && IngestMetrics.WriterPauses.Enabled)
            {
                IngestMetrics.WriterPauses.Add(1);
            }

            var flush = await flushing.ConfigureAwait(false);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                // The reader has gone: nothing more to do.
                break;
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        var reader = _pipe.Reader;
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            SequencePosition consumed;
            try
            {
                consumed = ProcessRecords(buffer);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A decoder bug must not stop tracking: drop this buffer's records, count them, go on.
                Reject(IngestRejectReason.Payload);
                consumed = buffer.End;
            }

            // The one AdvanceTo of the loop (shared/STYLE.md principle 2): consumed up to the last whole record,
            // examined everything so the next read waits for new data.
            reader.AdvanceTo(consumed, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                break;
            }
        }

        await reader.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Counts each sample, then stores it latest-wins. One instance per ingest (no per-packet allocation).</summary>
    private sealed class Forwarder(TrackingIngest owner) : ISampleSink
    {
        public void OnSample(in TrackingSample sample, int sourceIndex)
        {
            owner._sources.Stats(sourceIndex).OnSample();
            Interlocked.Increment(ref owner._samples);
            IngestMetrics.Sample(owner._decoder.FormatName);
            owner.Latest.OnSample(sample, sourceIndex);
        }
    }
}
