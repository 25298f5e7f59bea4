using System.Buffers;
using System.Buffers.Binary;

namespace StageControl.Tracking.Osc;

/// <summary>
/// Pure OSC 1.0/1.1 packet decoder (CNMAT spec-1_0.md; Freed &amp; Schmeder, NIME 2009, for 1.1).
/// <code>
/// Message:  address (OSC-string, starts with '/') | type tags (OSC-string, starts with ',') | arguments
/// Bundle:   "#bundle\0" | timetag (u64, NTP) | { i32 size | element (message or bundle) }*
///
/// OSC-string:  bytes, 1 NUL, then 0–3 NULs so the length is a multiple of 4   ("data" → 8 bytes)
/// OSC-blob:    i32 n | n bytes | 0–3 zero bytes
/// Arguments (big-endian):  i int32 · f float32 · h int64 · d float64 · t timetag · c char (32 bits)
///   r RGBA (32 bits) · m MIDI (4 bytes) · s/S OSC-string · b OSC-blob · T F N I [ ] carry no bytes
/// </code>
/// The packet is everything the reader holds: UDP gives one packet per datagram; stream transports give one
/// frame from <see cref="OscSlipFraming"/> or <see cref="OscLengthPrefixFraming"/>. Result contract:
/// <see cref="OperationStatus.Done"/> consumes the whole packet; <see cref="OperationStatus.InvalidData"/> consumes
/// nothing and names the reason (the caller drops the datagram); nothing throws for bad input. Choices where the
/// specification leaves room (each documented on <see cref="OscError"/>): an unknown type tag rejects the packet;
/// string and blob padding must be zero; a message without a type tag string is accepted only when nothing
/// follows its address.
/// </summary>
public static class OscReader
{
    /// <summary>Deepest bundle nesting accepted (the outermost bundle is depth 1).</summary>
    public const int MaxBundleDepth = 8;

    /// <summary>Deepest array nesting accepted inside one message.</summary>
    public const int MaxArrayDepth = 32;

    private const byte ByteSlash = (byte)'/';
    private const byte ByteHash = (byte)'#';
    private const byte ByteComma = (byte)',';
    private const int BundleHeaderLength = 16;
    private const int StackCopyLimit = 256;

    private static ReadOnlySpan<byte> BundleId => "#bundle\0"u8;

    /// <summary>Parses the packet held by <paramref name="reader"/> (see the overload that reports the reason).</summary>
    public static OperationStatus TryRead<THandler>(ref SequenceReader<byte> reader, ref THandler handler)
        where THandler : struct, IOscHandler
        => TryRead(ref reader, ref handler, out _);

    /// <summary>
    /// Parses the packet held by <paramref name="reader"/>, calling <paramref name="handler"/> for its parts.
    /// The handler is called only when the whole packet is valid.
    /// </summary>
    public static OperationStatus TryRead<THandler>(ref SequenceReader<byte> reader, ref THandler handler, out OscError error)
        where THandler : struct, IOscHandler
    {
        var remaining = reader.Remaining;
        if (remaining == 0)
        {
            error = OscError.Empty;
            return OperationStatus.InvalidData;
        }

        var unread = reader.UnreadSpan;
        if (unread.Length == remaining)
        {
            // Fast path: the packet is contiguous.
            error = Parse(unread, ref handler);
        }
        else if (remaining > int.MaxValue)
        {
            error = OscError.FrameTooLarge;
        }
        else
        {
            error = ParseCopy(reader.UnreadSequence, (int)remaining, ref handler);
        }

        if (error != OscError.None)
        {
            return OperationStatus.InvalidData;
        }

        reader.AdvanceToEnd();
        return OperationStatus.Done;
    }

    /// <summary>Same as the sequence overload, for a contiguous packet.</summary>
    public static OperationStatus TryRead<THandler>(ReadOnlySpan<byte> packet, ref THandler handler, out OscError error)
        where THandler : struct, IOscHandler
    {
        error = packet.IsEmpty ? OscError.Empty : Parse(packet, ref handler);
        return error == OscError.None ? OperationStatus.Done : OperationStatus.InvalidData;
    }

    /// <summary>
    /// Convenience reader for tools and tests: builds an <see cref="OscPacket"/> (allocates; not for the hot path).
    /// </summary>
    public static OperationStatus TryReadPacket(ref SequenceReader<byte> reader, out OscPacket? packet, out OscError error)
    {
        var builder = new OscPacketBuilder(new OscPacketBuilder.State());
        var status = TryRead(ref reader, ref builder, out error);
        packet = status == OperationStatus.Done ? builder.Result : null;
        return status;
    }

    /// <summary>Span overload of <see cref="TryReadPacket(ref SequenceReader{byte}, out OscPacket?, out OscError)"/>.</summary>
    public static OperationStatus TryReadPacket(ReadOnlySpan<byte> packet, out OscPacket? result, out OscError error)
    {
        var builder = new OscPacketBuilder(new OscPacketBuilder.State());
        var status = TryRead(packet, ref builder, out error);
        result = status == OperationStatus.Done ? builder.Result : null;
        return status;
    }

    private static OscError ParseCopy<THandler>(ReadOnlySequence<byte> sequence, int length, ref THandler handler)
        where THandler : struct, IOscHandler
    {
        // Kestrel's rule: small records on the stack, larger ones from the pool.
        if (length <= StackCopyLimit)
        {
            Span<byte> buffer = stackalloc byte[StackCopyLimit];
            sequence.CopyTo(buffer);
            return Parse(buffer[..length], ref handler);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            sequence.CopyTo(rented);
            return Parse(rented.AsSpan(0, length), ref handler);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static OscError Parse<THandler>(ReadOnlySpan<byte> packet, ref THandler handler)
        where THandler : struct, IOscHandler
    {
        // Pass 1 validates with a no-op handler, pass 2 reports: a handler never sees a packet that fails later.
        var validator = default(NullOscHandler);
        var error = ParsePacket(packet, ref validator, 0);
        if (error != OscError.None)
        {
            return error;
        }

        return ParsePacket(packet, ref handler, 0);
    }

    private static OscError ParsePacket<THandler>(ReadOnlySpan<byte> packet, ref THandler handler, int depth)
        where THandler : struct, IOscHandler
    {
        if (packet.IsEmpty)
        {
            return OscError.Empty;
        }

        return packet[0] switch
        {
            ByteSlash => ParseMessage(packet, ref handler),
            ByteHash => ParseBundle(packet, ref handler, depth + 1),
            _ => OscError.UnknownPacketType,
        };
    }

    private static OscError ParseBundle<THandler>(ReadOnlySpan<byte> packet, ref THandler handler, int depth)
        where THandler : struct, IOscHandler
    {
        if (packet.Length < BundleHeaderLength)
        {
            return packet.Length >= BundleId.Length && !packet.StartsWith(BundleId) ? OscError.BadBundleHeader : OscError.Truncated;
        }

        if (!packet.StartsWith(BundleId))
        {
            return OscError.BadBundleHeader;
        }

        if (depth > MaxBundleDepth)
        {
            return OscError.TooDeep;
        }

        handler.OnBundleStart(OscTimeTag.FromRaw(BinaryPrimitives.ReadUInt64BigEndian(packet[8..])));
        var pos = BundleHeaderLength;
        while (pos < packet.Length)
        {
            if (packet.Length - pos < 4)
            {
                return OscError.Truncated;
            }

            var size = BinaryPrimitives.ReadInt32BigEndian(packet[pos..]);
            pos += 4;
            if (size <= 0 || (size & 3) != 0 || size > packet.Length - pos)
            {
                return OscError.BadElementSize;
            }

            var error = ParsePacket(packet.Slice(pos, size), ref handler, depth);
            if (error != OscError.None)
            {
                return error;
            }

            pos += size;
        }

        handler.OnBundleEnd();
        return OscError.None;
    }

    private static OscError ParseMessage<THandler>(ReadOnlySpan<byte> packet, ref THandler handler)
        where THandler : struct, IOscHandler
    {
        var error = ReadString(packet, 0, out var address, out var pos);
        if (error != OscError.None)
        {
            return error;
        }

        if (pos == packet.Length)
        {
            // OSC 1.0: old senders may omit the type tag string; a message with no arguments is still usable.
            handler.OnMessageStart(address, []);
            handler.OnMessageEnd();
            return OscError.None;
        }

        if (packet[pos] != ByteComma)
        {
            return OscError.MissingTypeTags;
        }

        error = ReadString(packet, pos, out var tags, out pos);
        if (error != OscError.None)
        {
            return error;
        }

        handler.OnMessageStart(address, tags);
        var arrayDepth = 0;
        for (var i = 1; i < tags.Length; i++)
        {
            var tag = tags[i];
            switch (tag)
            {
                case (byte)'i':
                case (byte)'f':
                case (byte)'c':
                case (byte)'r':
                case (byte)'m':
                    if (packet.Length - pos < 4)
                    {
                        return OscError.Truncated;
                    }

                    var word = packet.Slice(pos, 4);
                    switch (tag)
                    {
                        case (byte)'i':
                            handler.OnInt32(BinaryPrimitives.ReadInt32BigEndian(word));
                            break;
                        case (byte)'f':
                            handler.OnFloat32(BinaryPrimitives.ReadSingleBigEndian(word));
                            break;
                        case (byte)'c':
                            handler.OnChar(BinaryPrimitives.ReadInt32BigEndian(word));
                            break;
                        case (byte)'r':
                            handler.OnRgba(BinaryPrimitives.ReadUInt32BigEndian(word));
                            break;
                        default:
                            handler.OnMidi(new OscMidi(word[0], word[1], word[2], word[3]));
                            break;
                    }

                    pos += 4;
                    break;
                case (byte)'h':
                case (byte)'d':
                case (byte)'t':
                    if (packet.Length - pos < 8)
                    {
                        return OscError.Truncated;
                    }

                    var dword = packet.Slice(pos, 8);
                    if (tag == (byte)'h')
                    {
                        handler.OnInt64(BinaryPrimitives.ReadInt64BigEndian(dword));
                    }
                    else if (tag == (byte)'d')
                    {
                        handler.OnFloat64(BinaryPrimitives.ReadDoubleBigEndian(dword));
                    }
                    else
                    {
                        handler.OnTimeTag(OscTimeTag.FromRaw(BinaryPrimitives.ReadUInt64BigEndian(dword)));
                    }

                    pos += 8;
                    break;
                case (byte)'s':
                case (byte)'S':
                    error = ReadString(packet, pos, out var text, out pos);
                    if (error != OscError.None)
                    {
                        return error;
                    }

                    handler.OnString(text, tag == (byte)'S');
                    break;
                case (byte)'b':
                    error = ReadBlob(packet, pos, out var blob, out pos);
                    if (error != OscError.None)
                    {
                        return error;
                    }

                    handler.OnBlob(blob);
                    break;
                case (byte)'T':
                    handler.OnBoolean(true);
                    break;
                case (byte)'F':
                    handler.OnBoolean(false);
                    break;
                case (byte)'N':
                    handler.OnNil();
                    break;
                case (byte)'I':
                    handler.OnInfinitum();
                    break;
                case (byte)'[':
                    if (++arrayDepth > MaxArrayDepth)
                    {
                        return OscError.TooDeep;
                    }

                    handler.OnArrayStart();
                    break;
                case (byte)']':
                    if (--arrayDepth < 0)
                    {
                        return OscError.UnbalancedArray;
                    }

                    handler.OnArrayEnd();
                    break;
                default:
                    return OscError.UnknownTypeTag;
            }
        }

        if (arrayDepth != 0)
        {
            return OscError.UnbalancedArray;
        }

        if (pos != packet.Length)
        {
            return OscError.TrailingBytes;
        }

        handler.OnMessageEnd();
        return OscError.None;
    }

    // OSC-string at start: the bytes before the first NUL; next is the offset after the padding.
    private static OscError ReadString(ReadOnlySpan<byte> packet, int start, out ReadOnlySpan<byte> value, out int next)
    {
        value = default;
        next = start;
        var rest = packet[start..];
        var nul = rest.IndexOf((byte)0);
        if (nul < 0)
        {
            return OscError.UnterminatedString;
        }

        var padded = (nul + 4) & ~3;
        if (padded > rest.Length)
        {
            return OscError.Truncated;
        }

        if (rest[nul..padded].IndexOfAnyExcept((byte)0) >= 0)
        {
            return OscError.BadPadding;
        }

        value = rest[..nul];
        next = start + padded;
        return OscError.None;
    }

    private static OscError ReadBlob(ReadOnlySpan<byte> packet, int start, out ReadOnlySpan<byte> value, out int next)
    {
        value = default;
        next = start;
        var rest = packet[start..];
        if (rest.Length < 4)
        {
            return OscError.Truncated;
        }

        var size = BinaryPrimitives.ReadInt32BigEndian(rest);
        if (size < 0 || size > rest.Length - 4)
        {
            return OscError.BadBlobSize;
        }

        var padded = (size + 3) & ~3;
        if (padded > rest.Length - 4)
        {
            return OscError.Truncated;
        }

        if (rest.Slice(4 + size, padded - size).IndexOfAnyExcept((byte)0) >= 0)
        {
            return OscError.BadPadding;
        }

        value = rest.Slice(4, size);
        next = start + 4 + padded;
        return OscError.None;
    }
}
