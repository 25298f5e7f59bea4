// A raw stream of RGBA frames for piping panels to another process (file, FIFO or /dev/shm).
using System.Buffers.Binary;

namespace StageControl.Render.Output;

/// <summary>
/// Writes frames of one size to a stream in a simple documented format (all integers little-endian):
/// <code>
/// header (32 bytes, once)
///   0  magic    "SCRAWRGB"              8 bytes
///   8  version  u16 = 1
///  10  flags    u16  bit 0: rows bottom-up (glReadPixels order); other bits 0
///  12  width    u32
///  16  height   u32
///  20  format   u32 = 1 (RGBA8: 4 bytes per pixel, R G B A)
///  24  reserved u64 = 0
/// frame (repeated)
///   0  frame index i64
///   8  panel index u32   (which panel of the writer's renderer; 0 for a single panel)
///  12  reserved    u32 = 0
///  16  pixels      width × height × 4 bytes, rows in the header's order
/// </code>
/// Writing a frame allocates nothing.
/// </summary>
public sealed class RawFrameWriter : IDisposable
{
    /// <summary>Header length in bytes.</summary>
    public const int HeaderLength = 32;

    /// <summary>Per-frame prefix length in bytes.</summary>
    public const int FramePrefixLength = 16;

    private readonly Stream _stream;
    private readonly bool _ownsStream;

    /// <summary>Writes the header to <paramref name="stream"/>.</summary>
    public RawFrameWriter(Stream stream, int width, int height, bool bottomUp = true, bool ownsStream = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        _stream = stream;
        _ownsStream = ownsStream;
        Width = width;
        Height = height;
        Span<byte> header = stackalloc byte[HeaderLength];
        header.Clear();
        "SCRAWRGB"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], bottomUp ? (ushort)1 : (ushort)0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)width);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)height);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        _stream.Write(header);
    }

    /// <summary>Opens (creates or truncates) a file, e.g. under /dev/shm, and writes the header.</summary>
    public static RawFrameWriter Create(string path, int width, int height, bool bottomUp = true) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), width, height, bottomUp);

    /// <summary>Frame width.</summary>
    public int Width { get; }

    /// <summary>Frame height.</summary>
    public int Height { get; }

    /// <summary>Frames written.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>Appends one frame.</summary>
    public void WriteFrame(long frameIndex, int panelIndex, ReadOnlySpan<byte> rgba)
    {
        var bytes = Width * Height * 4;
        if (rgba.Length < bytes)
        {
            throw new ArgumentException(FormattableString.Invariant($"A {Width}×{Height} frame needs {bytes} bytes; got {rgba.Length}."), nameof(rgba));
        }

        Span<byte> prefix = stackalloc byte[FramePrefixLength];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, frameIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[8..], (uint)panelIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[12..], 0);
        _stream.Write(prefix);
        _stream.Write(rgba[..bytes]);
        FramesWritten++;
    }

    /// <summary>Flushes buffered bytes.</summary>
    public void Flush() => _stream.Flush();

    /// <summary>Flushes and closes the stream when owned.</summary>
    public void Dispose()
    {
        _stream.Flush();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
