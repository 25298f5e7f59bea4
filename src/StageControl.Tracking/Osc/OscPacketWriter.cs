using System.Text;

namespace StageControl.Tracking.Osc;

/// <summary>Encodes a materialised <see cref="OscPacket"/> (tools, tests, the simulator's set-up path).</summary>
public static class OscPacketWriter
{
    /// <summary>Encodes <paramref name="packet"/> into a new array.</summary>
    /// <exception cref="ArgumentException">An argument's value does not match its tag.</exception>
    public static byte[] ToArray(OscPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var bytes = new byte[GetLength(packet)];
        var writer = new OscWriter(bytes);
        Write(packet, ref writer);
        return bytes;
    }

    /// <summary>The encoded length of <paramref name="packet"/>.</summary>
    public static int GetLength(OscPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (packet is OscBundle bundle)
        {
            var total = 16;
            foreach (var element in bundle.Elements)
            {
                total += 4 + GetLength(element);
            }

            return total;
        }

        var message = (OscMessage)packet;
        var length = StringLength(message.Address);
        if (message.TypeTags.Length > 0)
        {
            length += StringLength(message.TypeTags);
        }

        return length + ArgumentsLength(message.Arguments);
    }

    private static int StringLength(string s) => (Encoding.UTF8.GetByteCount(s) + 4) & ~3;

    private static int ArgumentsLength(IReadOnlyList<OscArgument> arguments)
    {
        var length = 0;
        foreach (var argument in arguments)
        {
            length += argument.Tag switch
            {
                'i' or 'f' or 'c' or 'r' or 'm' => 4,
                'h' or 'd' or 't' => 8,
                's' or 'S' => StringLength((string)argument.Value!),
                'b' => 4 + ((((byte[])argument.Value!).Length + 3) & ~3),
                '[' => ArgumentsLength((IReadOnlyList<OscArgument>)argument.Value!),
                _ => 0,
            };
        }

        return length;
    }

    private static void Write(OscPacket packet, ref OscWriter writer)
    {
        if (packet is OscBundle bundle)
        {
            writer.WriteBundleHeader(bundle.TimeTag);
            foreach (var element in bundle.Elements)
            {
                var token = writer.BeginElement();
                Write(element, ref writer);
                writer.EndElement(token);
            }

            return;
        }

        var message = (OscMessage)packet;
        writer.WriteString(message.Address);
        if (message.TypeTags.Length > 0)
        {
            writer.WriteString(message.TypeTags);
        }

        WriteArguments(message.Arguments, ref writer);
    }

    private static void WriteArguments(IReadOnlyList<OscArgument> arguments, ref OscWriter writer)
    {
        foreach (var argument in arguments)
        {
            switch (argument.Tag)
            {
                case 'i':
                case 'c':
                    writer.WriteInt32((int)argument.Value!);
                    break;
                case 'f':
                    writer.WriteFloat32((float)argument.Value!);
                    break;
                case 'r':
                    writer.WriteUInt32((uint)argument.Value!);
                    break;
                case 'm':
                    writer.WriteMidi((OscMidi)argument.Value!);
                    break;
                case 'h':
                    writer.WriteInt64((long)argument.Value!);
                    break;
                case 'd':
                    writer.WriteFloat64((double)argument.Value!);
                    break;
                case 't':
                    writer.WriteTimeTag((OscTimeTag)argument.Value!);
                    break;
                case 's':
                case 'S':
                    writer.WriteString((string)argument.Value!);
                    break;
                case 'b':
                    writer.WriteBlob((byte[])argument.Value!);
                    break;
                case '[':
                    WriteArguments((IReadOnlyList<OscArgument>)argument.Value!, ref writer);
                    break;
                case 'T' or 'F' or 'N' or 'I':
                    break;
                default:
                    throw new ArgumentException($"Unknown OSC type tag '{argument.Tag}'.", nameof(arguments));
            }
        }
    }
}
