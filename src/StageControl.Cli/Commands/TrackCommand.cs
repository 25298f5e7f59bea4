using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.OpenTrackIO;
using StageControl.Tracking.Osc;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl track</c>: tracking tools. <c>track decode --format freed|osc|opentrackio (--hex HEX | --file FILE) --json</c>
/// decodes one packet (shared/DESIGN.md "Contracts"). Input forms:
/// <list type="bullet">
/// <item><c>--hex</c>: the packet as hexadecimal; whitespace is ignored.</item>
/// <item><c>--file</c> for freed/osc: the raw binary packet, or the packet as hex text (a file made only of hex
/// digits and whitespace is read as hex: a binary FreeD packet starts with 0xD1 and an OSC packet with '/' or '#',
/// neither a hex digit, so the two cannot be confused).</item>
/// <item><c>--file</c> for opentrackio: one hex datagram per line, the segments of one message in order (blank lines
/// and lines starting with '#' are skipped); or a bare JSON payload (first non-blank character '{'), reported with
/// <c>"sequence":null</c>; or one raw binary datagram (starting with "OTrk").</item>
/// </list>
/// A packet that fails validation exits 1 with the reason on stderr; no input or both inputs exit 2.
/// </summary>
internal static class TrackCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var track = new Command("track", "Tracking tools: decode FreeD, OSC and OpenTrackIO packets.");
        track.Subcommands.Add(CreateDecode(io));
        track.Subcommands.Add(TrackSendCommand.Create(io));
        track.Subcommands.Add(TrackListenCommand.Create(io));
        track.Subcommands.Add(TrackRecordCommand.Create(io));
        track.Subcommands.Add(TrackReplayCommand.Create(io));
        return track;
    }

    private static Command CreateDecode(CliIo io)
    {
        var format = new Option<string>("--format")
        {
            Description = "Packet format: freed, osc or opentrackio.",
            Required = true,
        };
        format.AcceptOnlyFromAmong("freed", "osc", "opentrackio");
        var hex = new Option<string>("--hex") { Description = "The packet as hexadecimal (whitespace ignored)." };
        var file = new Option<FileInfo>("--file")
        {
            Description = "A file with the packet: raw binary or hex text; for opentrackio, one hex datagram per line or a bare JSON payload.",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on one line." };

        var decode = new Command("decode", "Decode one tracking packet and print it as JSON.");
        decode.Options.Add(format);
        decode.Options.Add(hex);
        decode.Options.Add(file);
        decode.Options.Add(json);
        io.SetAction(decode, parse =>
        {
            var hexText = parse.GetValue(hex);
            var path = parse.GetValue(file);
            if ((hexText is null) == (path is null))
            {
                throw new CliUsageException("give exactly one of --hex HEX or --file FILE.");
            }

            var result = parse.GetValue(format) switch
            {
                "freed" => DecodeFreeD(ReadPacket(hexText, path)),
                "osc" => DecodeOsc(ReadPacket(hexText, path)),
                _ => DecodeOpenTrackIO(hexText, path),
            };

            if (parse.GetValue(json))
            {
                io.WriteJson(result);
            }
            else
            {
                io.Out.WriteLine(result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            }

            return ExitCodes.Ok;
        });
        return decode;
    }

    private static JsonObject DecodeFreeD(byte[] packet)
    {
        var status = FreeDReader.TryReadDatagram(packet, out var sample, out var error);
        if (status != OperationStatus.Done)
        {
            throw new CliInputException(error switch
            {
                FreeDError.WrongType => string.Create(
                    CultureInfo.InvariantCulture,
                    $"type: byte 0 is 0x{packet[0]:X2}, a FreeD position message is type 0xD1"),
                FreeDError.WrongLength => string.Create(
                    CultureInfo.InvariantCulture,
                    $"length: {packet.Length} bytes, a FreeD D1 message is exactly 29"),
                _ => string.Create(
                    CultureInfo.InvariantCulture,
                    $"checksum: byte 28 is 0x{packet[28]:X2}, expected 0x{FreeDChecksum(packet):X2} ((0x40 - sum of bytes 0..27) mod 256)"),
            });
        }

        return new JsonObject
        {
            ["cameraId"] = sample.CameraId,
            ["panDeg"] = sample.PanDegrees,
            ["tiltDeg"] = sample.TiltDegrees,
            ["rollDeg"] = sample.RollDegrees,
            ["xMm"] = sample.XMillimetres,
            ["yMm"] = sample.YMillimetres,
            ["zMm"] = sample.ZMillimetres,
            ["zoomRaw"] = sample.ZoomRaw,
            ["focusRaw"] = sample.FocusRaw,
            ["spare"] = sample.Spare,
        };
    }

    private static byte FreeDChecksum(byte[] packet)
    {
        var sum = 0;
        for (var i = 0; i < 28; i++)
        {
            sum += packet[i];
        }

        return unchecked((byte)(0x40 - sum));
    }

    private static JsonObject DecodeOsc(byte[] packet)
    {
        var status = OscReader.TryReadPacket(packet, out var result, out var error);
        if (status != OperationStatus.Done || result is null)
        {
            throw new CliInputException($"{OscReason(error)} (OSC packet of {packet.Length.ToString(CultureInfo.InvariantCulture)} bytes)");
        }

        return OscJson.ToJson(result);
    }

    private static string OscReason(OscError error) => error switch
    {
        OscError.Empty => "length: the packet is empty",
        OscError.UnknownPacketType => "type: a packet starts with '/' (message) or '#' (bundle)",
        OscError.Truncated => "length: the packet ends inside a field",
        OscError.UnterminatedString => "string: an OSC-string has no terminating NUL",
        OscError.BadPadding => "padding: string or blob padding bytes are not zero",
        OscError.MissingTypeTags => "type tags: bytes after the address do not start with ','",
        OscError.UnknownTypeTag => "type tags: unknown type tag (OSC 1.0 discards the whole message)",
        OscError.BadBlobSize => "blob: size is negative or past the end of the packet",
        OscError.UnbalancedArray => "type tags: '[' and ']' do not balance",
        OscError.TooDeep => "nesting: bundles or arrays nest too deeply",
        OscError.BadBundleHeader => "bundle: a packet starting with '#' must start with \"#bundle\"",
        OscError.BadElementSize => "bundle: an element size is not a positive multiple of 4 within the bundle",
        OscError.TrailingBytes => "length: bytes remain after the last argument",
        _ => error.ToString(),
    };

    private static JsonObject DecodeOpenTrackIO(string? hexText, FileInfo? path)
    {
        List<(string Where, byte[] Bytes)> datagrams;
        if (hexText is not null)
        {
            datagrams = [("--hex", ParseHex(hexText, "--hex"))];
        }
        else
        {
            var bytes = File.ReadAllBytes(path!.FullName);
            if (bytes.AsSpan().StartsWith("OTrk"u8))
            {
                datagrams = [(path.Name, bytes)];
            }
            else
            {
                var text = Encoding.UTF8.GetString(bytes);
                if (text.TrimStart().StartsWith('{'))
                {
                    return PayloadResult(null, OtrkEncoding.Json, new ReadOnlySequence<byte>(bytes), path.Name);
                }

                datagrams = [];
                var lines = text.Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    var line = lines[i].Trim();
                    if (line.Length == 0 || line.StartsWith('#'))
                    {
                        continue;
                    }

                    var where = string.Create(CultureInfo.InvariantCulture, $"{path.Name} line {i + 1}");
                    datagrams.Add((where, ParseHex(line, where)));
                }

                if (datagrams.Count == 0)
                {
                    throw new CliInputException($"{path.Name}: no datagram and no JSON payload found");
                }
            }
        }

        var reassembler = new OtrkReassembler(TimeSpan.MaxValue);
        for (var i = 0; i < datagrams.Count; i++)
        {
            var (where, bytes) = datagrams[i];
            var status = OtrkReader.TryReadDatagram(new ReadOnlySequence<byte>(bytes), out var header, out var payload, out var error);
            if (status != OperationStatus.Done)
            {
                throw new CliInputException($"{where}: {OtrkReason(error, bytes)}");
            }

            status = reassembler.Add(header, payload, TimeSpan.Zero, out var message, out error);
            if (status == OperationStatus.InvalidData)
            {
                throw new CliInputException($"{where}: {OtrkReason(error, bytes)}");
            }

            if (status == OperationStatus.Done)
            {
                if (i != datagrams.Count - 1)
                {
                    throw new CliInputException($"{where}: the message is complete here but more datagrams follow (one message per input)");
                }

                return PayloadResult(message.SequenceNumber, message.Encoding, message.Payload, where);
            }
        }

        throw new CliInputException($"{datagrams[^1].Where}: the last datagram does not have the last-segment flag: segments are missing");
    }

    private static JsonObject PayloadResult(ushort? sequence, OtrkEncoding encoding, ReadOnlySequence<byte> payload, string where)
    {
        var error = OtrkPayload.TryToJson(encoding, payload, out var json, out var cborError, out var offset);
        if (error != OtrkError.None)
        {
            var detail = error switch
            {
                OtrkError.InvalidJson => "payload: not valid JSON",
                OtrkError.InvalidCbor => string.Create(CultureInfo.InvariantCulture, $"payload: invalid CBOR ({cborError} at byte {offset})"),
                OtrkError.PayloadNotObject => "payload: the top level is not an object",
                _ => string.Create(CultureInfo.InvariantCulture, $"encoding: 0x{(byte)encoding:X2} is vendor-specific and cannot be decoded"),
            };
            throw new CliInputException($"{where}: {detail}");
        }

        return new JsonObject
        {
            ["sequence"] = sequence is null ? null : JsonValue.Create(sequence.Value),
            ["encoding"] = encoding == OtrkEncoding.Cbor ? "cbor" : "json",
            ["payload"] = json,
        };
    }

    private static string OtrkReason(OtrkError error, byte[] bytes) => error switch
    {
        OtrkError.BadIdentifier => "type: the datagram does not start with \"OTrk\"",
        OtrkError.UnknownEncoding => string.Create(CultureInfo.InvariantCulture, $"encoding: byte 5 is 0x{bytes[5]:X2}; 0x01 JSON, 0x02 CBOR, 0x80+ vendor"),
        OtrkError.ChecksumMismatch => "checksum: Fletcher-16 (OpenTrackIO 1.0.1, bytes 0-13 and the payload, mod 256) does not match bytes 14-15",
        OtrkError.LengthMismatch => string.Create(CultureInfo.InvariantCulture, $"length: {bytes.Length} bytes, but the header announces 16 + its payload length"),
        OtrkError.MissingSegment => "segment: continues a message whose first segment is missing",
        OtrkError.SegmentOutOfOrder => "segment: offset does not follow the previous segment",
        OtrkError.EncodingChanged => "segment: encoding differs from the first segment",
        OtrkError.DuplicateSegment => "segment: the same segment twice",
        OtrkError.MessageTooLarge => "length: the reassembled message is too large",
        _ => error.ToString(),
    };

    private static byte[] ReadPacket(string? hexText, FileInfo? path)
    {
        if (hexText is not null)
        {
            return ParseHex(hexText, "--hex");
        }

        var bytes = File.ReadAllBytes(path!.FullName);
        return LooksLikeHexText(bytes) ? ParseHex(Encoding.ASCII.GetString(bytes), path.Name) : bytes;
    }

    private static bool LooksLikeHexText(byte[] bytes)
    {
        var digits = 0;
        foreach (var b in bytes)
        {
            if (char.IsAsciiHexDigit((char)b))
            {
                digits++;
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return digits > 0;
    }

    private static byte[] ParseHex(string text, string where)
    {
        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact.Append(c);
            }
        }

        var s = compact.ToString();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            s = s[2..];
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsAsciiHexDigit(s[i]))
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{where}: '{s[i]}' at position {i} is not a hex digit"));
            }
        }

        if (s.Length == 0 || s.Length % 2 != 0)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{where}: {s.Length} hex digits; a packet needs a non-zero even number"));
        }

        return Convert.FromHexString(s);
    }
}
