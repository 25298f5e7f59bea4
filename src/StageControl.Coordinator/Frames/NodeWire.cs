// The coordinator → node messages that go to every node, assembled per node from bytes serialised once per fan-out
// (protobuf encoding: https://protobuf.dev/programming-guides/encoding/ — varints, "Message Structure" for keys,
// "Length-Delimited Records" for embedded messages, "Field Order": fields may come in any order and a parser must
// accept them so; the same field twice in a message keeps the last value). Pure: spans in, byte counts out.
//
//   CoordinatorMessage (node.proto), one member of `oneof kind` as a length-delimited field:
//   +-----------------------------+------------------+------------------------------------------------+
//   | key = field << 3 | 2 (1 B)  | length (varint)  | embedded message                               |
//   +-----------------------------+------------------+------------------------------------------------+
//     cue = 2      FrameCue:   [shared: frame 1, display_unix_ns 2, cameras 3, operator 4][sent_mono_ns 5][cues_dropped 6]
//     present = 3  Present:    [frame 1][ready 2][expected 3][sent_mono_ns 4]                (all varints, per node)
//     pose = 5     PoseUpdate: [camera 1: key, length, shared CameraState bytes][sent_mono_ns 2]
//
// Per-node fields follow the shared bytes. As Google.Protobuf does for proto3 scalars, a zero value is left out, so
// the bytes equal what serialising the whole message would give (tested).
using System.Numerics;
using StageControl.Protos.V1;

namespace StageControl.Coordinator.Frames;

/// <summary>Assembles the per-node bytes of FrameCue, Present and PoseUpdate messages around shared serialised parts.</summary>
internal static class NodeWire
{
    /// <summary>The most bytes the assembly adds around a shared part: outer key and length, and the per-node fields.</summary>
    public const int MaxOverhead = 64;

    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;

    /// <summary>A <c>CoordinatorMessage{cue}</c>: the shared FrameCue bytes (serialised without sent_mono_ns and
    /// cues_dropped) and this node's two fields. Returns the bytes written.</summary>
    public static int Cue(Span<byte> destination, ReadOnlySpan<byte> sharedCue, long sentMonoNs, long cuesDropped)
    {
        var suffix = FieldSize(FrameCue.SentMonoNsFieldNumber, sentMonoNs) + FieldSize(FrameCue.CuesDroppedFieldNumber, cuesDropped);
        var pos = 0;
        WriteKey(destination, ref pos, CoordinatorMessage.CueFieldNumber, WireLengthDelimited);
        WriteVarint(destination, ref pos, (ulong)(sharedCue.Length + suffix));
        sharedCue.CopyTo(destination[pos..]);
        pos += sharedCue.Length;
        WriteField(destination, ref pos, FrameCue.SentMonoNsFieldNumber, sentMonoNs);
        WriteField(destination, ref pos, FrameCue.CuesDroppedFieldNumber, cuesDropped);
        return pos;
    }

    /// <summary>A <c>CoordinatorMessage{present}</c>. Returns the bytes written.</summary>
    public static int Present(Span<byte> destination, long frame, int ready, int expected, long sentMonoNs)
    {
        var inner = FieldSize(Protos.V1.Present.FrameFieldNumber, frame) + FieldSize(Protos.V1.Present.ReadyFieldNumber, ready)
            + FieldSize(Protos.V1.Present.ExpectedFieldNumber, expected) + FieldSize(Protos.V1.Present.SentMonoNsFieldNumber, sentMonoNs);
        var pos = 0;
        WriteKey(destination, ref pos, CoordinatorMessage.PresentFieldNumber, WireLengthDelimited);
        WriteVarint(destination, ref pos, (ulong)inner);
        WriteField(destination, ref pos, Protos.V1.Present.FrameFieldNumber, frame);
        WriteField(destination, ref pos, Protos.V1.Present.ReadyFieldNumber, ready);
        WriteField(destination, ref pos, Protos.V1.Present.ExpectedFieldNumber, expected);
        WriteField(destination, ref pos, Protos.V1.Present.SentMonoNsFieldNumber, sentMonoNs);
        return pos;
    }

    /// <summary>A <c>CoordinatorMessage{pose}</c> around the shared CameraState bytes. Returns the bytes written.</summary>
    public static int Pose(Span<byte> destination, ReadOnlySpan<byte> sharedCamera, long sentMonoNs)
    {
        var camera = 1 + VarintSize((ulong)sharedCamera.Length) + sharedCamera.Length;
        var inner = camera + FieldSize(PoseUpdate.SentMonoNsFieldNumber, sentMonoNs);
        var pos = 0;
        WriteKey(destination, ref pos, CoordinatorMessage.PoseFieldNumber, WireLengthDelimited);
        WriteVarint(destination, ref pos, (ulong)inner);
        WriteKey(destination, ref pos, PoseUpdate.CameraFieldNumber, WireLengthDelimited);
        WriteVarint(destination, ref pos, (ulong)sharedCamera.Length);
        sharedCamera.CopyTo(destination[pos..]);
        pos += sharedCamera.Length;
        WriteField(destination, ref pos, PoseUpdate.SentMonoNsFieldNumber, sentMonoNs);
        return pos;
    }

    /// <summary>Bytes of an int64/int32 varint field (0 for a zero value, which is left out). Negative values take 10
    /// bytes (two's complement, as protobuf encodes int32 and int64).</summary>
    private static int FieldSize(int field, long value) => value == 0 ? 0 : 1 + VarintSize((ulong)value);

    private static void WriteField(Span<byte> destination, ref int pos, int field, long value)
    {
        if (value != 0)
        {
            WriteKey(destination, ref pos, field, WireVarint);
            WriteVarint(destination, ref pos, (ulong)value);
        }
    }

    /// <summary>Keys of fields 1–15 take one byte, which is all these messages use.</summary>
    private static void WriteKey(Span<byte> destination, ref int pos, int field, int wireType) => destination[pos++] = (byte)((field << 3) | wireType);

    private static void WriteVarint(Span<byte> destination, ref int pos, ulong value)
    {
        while (value >= 0x80)
        {
            destination[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[pos++] = (byte)value;
    }

    private static int VarintSize(ulong value) => value == 0 ? 1 : (BitOperations.Log2(value) / 7) + 1;
}
