using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using StageControl.Tracking.Ingest;

namespace StageControl.Tracking.Capture;

/// <summary>
/// Writes a capture file (<see cref="CaptureFormat"/>) safely: records go to a temporary file beside the target; on
/// <see cref="Complete"/> (or dispose) it is flushed to disk (fsync) and renamed over the target, so a reader never
/// sees a half-written capture under the final name. Not thread-safe.
/// </summary>
public sealed class CaptureWriter : IDisposable
{
    private readonly string _path;
    private readonly string _tempPath;
    private readonly FileStream _stream;
    private readonly byte[] _header = new byte[CaptureFormat.RecordHeaderLength];
    private long _lastOffset;
    private bool _done;

    /// <summary>Starts a capture of <paramref name="format"/> (null: unknown) to be written at <paramref name="path"/>.</summary>
    public CaptureWriter(string path, TrackingFormat? format, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = Path.GetFullPath(path);
        _tempPath = _path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        _stream = new FileStream(_tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Span<byte> header = stackalloc byte[CaptureFormat.HeaderLength];
        header.Clear();
        CaptureFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], CaptureFormat.Version);
        header[10] = (byte)(format is null ? 0 : (int)format.Value);
        BinaryPrimitives.WriteInt64LittleEndian(header[12..], (start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100);
        _stream.Write(header);
    }

    /// <summary>Records written.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one datagram. Offsets must not decrease (an earlier one is raised to the previous).</summary>
    public void Write(long offsetNanoseconds, IPEndPoint source, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(source);
        ObjectDisposedException.ThrowIf(_done, this);
        if (payload.Length > CaptureFormat.MaxPayloadLength)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), "A datagram is at most 65 507 bytes.");
        }

        offsetNanoseconds = Math.Max(offsetNanoseconds, _lastOffset);
        _lastOffset = offsetNanoseconds;
        var h = _header.AsSpan();
        h.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(h, offsetNanoseconds);
        var address = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        h[8] = address.AddressFamily == AddressFamily.InterNetwork ? (byte)4 : (byte)6;
        address.TryWriteBytes(h.Slice(9, 16), out _);
        BinaryPrimitives.WriteUInt16LittleEndian(h[25..], (ushort)source.Port);
        BinaryPrimitives.WriteUInt16LittleEndian(h[27..], (ushort)payload.Length);
        _stream.Write(h);
        _stream.Write(payload);
        Count++;
    }

    /// <summary>Flushes to disk and moves the file to its final name.</summary>
    public void Complete()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_tempPath, _path, overwrite: true);
    }

    /// <inheritdoc/>
    public void Dispose() => Complete();
}
