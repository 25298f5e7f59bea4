// Builds ReadOnlySequence<byte> shapes for the segmentation matrix (shared/STYLE.md "Tests"; after the
// SE.Redis [Resp] and Kestrel factories): every parser theory must give the same answer for each shape.
using System.Buffers;

namespace StageControl.Tests.Shared;

/// <summary>Segment shapes of the same bytes.</summary>
public static class SequenceFactory
{
    /// <summary>One contiguous segment.</summary>
    public static ReadOnlySequence<byte> Single(byte[] data) => new(data.ToArray());

    /// <summary>One segment cut from a larger buffer at a non-zero offset, with junk around it.</summary>
    public static ReadOnlySequence<byte> OversizedOffset(byte[] data)
    {
        const int Offset = 7;
        var buffer = new byte[data.Length + Offset + 5];
        buffer.AsSpan().Fill(0xEE);
        data.CopyTo(buffer, Offset);
        return new ReadOnlySequence<byte>(buffer, Offset, data.Length);
    }

    /// <summary>Two segments split at <paramref name="index"/>.</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] data, int index)
        => Create(data[..index], data[index..]);

    /// <summary>One byte per segment, with an empty segment before, between and after every byte.</summary>
    public static ReadOnlySequence<byte> BytePerSegment(byte[] data)
    {
        var parts = new List<byte[]> { Array.Empty<byte>() };
        foreach (var b in data)
        {
            parts.Add([b]);
            parts.Add([]);
        }

        return Create([.. parts]);
    }

    /// <summary>Every shape of the matrix, named for test output.</summary>
    public static IEnumerable<(string Shape, ReadOnlySequence<byte> Sequence)> All(byte[] data)
    {
        yield return ("single", Single(data));
        yield return ("oversized-offset", OversizedOffset(data));
        for (var i = 0; i <= data.Length; i++)
        {
            yield return ($"split@{i}", SplitAt(data, i));
        }

        yield return ("byte-per-segment", BytePerSegment(data));
    }

    /// <summary>A sequence made of the given segments, in order (empty ones included).</summary>
    public static ReadOnlySequence<byte> Create(params byte[][] segments)
    {
        if (segments.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(segments[0], 0);
        var last = first;
        for (var i = 1; i < segments.Length; i++)
        {
            last = last.Append(segments[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
