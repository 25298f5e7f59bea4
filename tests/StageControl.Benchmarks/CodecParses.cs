// The per-packet parses measured by CodecBenchmarks and checked against budgets.json by the Tracking tests (this file
// is linked into StageControl.Tracking.Tests): one fixed input per codec and one parse method per benchmark name.
using System.Buffers;
using System.Buffers.Binary;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.OpenTrackIO;
using StageControl.Tracking.Osc;

namespace StageControl.Benchmarks;

/// <summary>Inputs and parse calls shared by the benchmarks and the allocation-budget test.</summary>
internal static class CodecParses
{
    /// <summary>A FreeD D1 packet (29 bytes).</summary>
    public static readonly byte[] FreeD = BuildFreeD();

    /// <summary>An OSC message <c>/camera/1/pose ,ffffff</c> (48 bytes).</summary>
    public static readonly byte[] Osc = BuildOsc();

    /// <summary>One OpenTrackIO datagram: 16-byte OTrk header + a small JSON payload.</summary>
    public static readonly byte[] Otrk = OtrkWriter.Segment(
        OtrkEncoding.Json,
        1,
        """{"protocol":{"name":"OpenTrackIO","version":[1,0,0]},"transforms":[{"translation":{"x":1.5,"y":0.2,"z":1.6},"rotation":{"pan":12.5,"tilt":-3.25,"roll":1.5}}]}"""u8)[0];

    /// <summary>Names of the parses, as in budgets.json and the benchmark method names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["FreeD", "OscMessage", "OtrkHeaderChecksum", "Memcpy"];

    private static readonly byte[] Copy = new byte[2048];

    /// <summary>Runs the parse called <paramref name="name"/> once; returns a value so the JIT keeps the work.</summary>
    public static int Run(string name) => name switch
    {
        "FreeD" => ParseFreeD(),
        "OscMessage" => ParseOsc(),
        "OtrkHeaderChecksum" => ParseOtrk(),
        "Memcpy" => Memcpy(Otrk),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such parse"),
    };

    /// <summary>FreeD D1: header, fields and checksum.</summary>
    public static int ParseFreeD()
    {
        FreeDReader.TryReadDatagram(FreeD.AsSpan(), out var sample, out _);
        return sample.PanRaw;
    }

    /// <summary>OSC message through the struct handler (no message objects).</summary>
    public static int ParseOsc()
    {
        var handler = default(NullOscHandler);
        return (int)OscReader.TryRead(Osc.AsSpan(), ref handler, out _);
    }

    /// <summary>OTrk header + checksum over the payload.</summary>
    public static int ParseOtrk()
    {
        OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(Otrk), out var header, out _, out _);
        return header.PayloadLength;
    }

    /// <summary>The baseline: a raw copy of the same bytes.</summary>
    public static int Memcpy(byte[] source)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.AsSpan().CopyTo(Copy);
        return Copy[0] ^ Copy[source.Length - 1];
    }

    private static byte[] BuildFreeD()
    {
        var packet = new byte[FreeDWriter.D1Length];
        FreeDWriter.Write(FreeDSample.FromPose(1, 12.5, -3.25, 1.5, 1500, 200, 1600, 100_000, 200_000, 0), packet);
        return packet;
    }

    private static byte[] BuildOsc()
    {
        // OSC 1.0: address and type tags NUL-terminated, padded to 4 bytes; float32 big-endian.
        var packet = new byte[48];
        "/camera/1/pose"u8.CopyTo(packet);
        ",ffffff"u8.CopyTo(packet.AsSpan(16));
        for (var i = 0; i < 6; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(packet.AsSpan(24 + (4 * i)), 0.5f * i);
        }

        return packet;
    }
}
