using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using StageControl.Core.Geometry;
using StageControl.Tracking.Mapping;
using StageControl.Tracking.OpenTrackIO;

namespace StageControl.Tracking.Ingest;

/// <summary>
/// OpenTrackIO datagrams → samples: packet check (<see cref="OtrkReader"/>), loss counting from the header sequence
/// number (the specification numbers every packet), per-source reassembly (<see cref="OtrkReassembler"/>, 100 ms
/// timeout), then the JSON/CBOR payload → sample (protocols.md §3.6):
/// <list type="bullet">
/// <item><c>transforms</c> composed first to last (translation metres Z-up, rotation pan/tilt/roll degrees in FreeD's
/// signs, §3.8) → position (x, z, −y) and orientation through <see cref="PanTiltRoll"/>;</item>
/// <item><c>lens.pinholeFocalLength</c> (mm), <c>lens.focusDistance</c> (m), <c>lens.entrancePupilOffset</c> (m);</item>
/// <item>camera id = <c>sourceNumber</c> (0 when absent); sequence = <c>timing.sequenceNumber</c>, else the packet's.</item>
/// </list>
/// A message without <c>transforms</c> (static-only) is <see cref="IngestRejectReason.NoPose"/>. The payload step
/// builds a JSON tree (allocates, ~once per frame); the packet and reassembly steps do not.
/// </summary>
internal sealed class OtrkDecoder : TrackingDecoder
{
    private static readonly TimeSpan ReassemblyTimeout = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc/>
    public override string FormatName => "opentrackio";

    /// <inheritdoc/>
    public override IngestRejectReason Decode(ReadOnlySequence<byte> datagram, long timestamp, int sourceIndex, SourceTable sources, ISampleSink sink)
    {
        if (datagram.IsEmpty)
        {
            return IngestRejectReason.Empty;
        }

        if (OtrkReader.TryReadDatagram(datagram, out var header, out var payload, out var error, acceptLegacyChecksums: true) != OperationStatus.Done)
        {
            return error == OtrkError.ChecksumMismatch ? IngestRejectReason.Checksum : IngestRejectReason.Malformed;
        }

        sources.Stats(sourceIndex).OnSequence(header.SequenceNumber);
        ref var state = ref sources.DecoderState(sourceIndex);
        var reassembler = state as OtrkReassembler;
        if (reassembler is null)
        {
            reassembler = new OtrkReassembler(ReassemblyTimeout);
            state = reassembler;
        }

        var status = reassembler.Add(header, payload, Stopwatch.GetElapsedTime(0, timestamp), out var message, out _);
        if (status == OperationStatus.NeedMoreData)
        {
            return IngestRejectReason.None;
        }

        if (status != OperationStatus.Done)
        {
            return IngestRejectReason.Reassembly;
        }

        if (OtrkPayload.TryToJson(message.Encoding, message.Payload, out var json, out _, out _) != OtrkError.None || json is null)
        {
            return IngestRejectReason.Payload;
        }

        var reason = TryToSample(json, timestamp, message.SequenceNumber, out var sample);
        if (reason == IngestRejectReason.None)
        {
            sink.OnSample(sample, sourceIndex);
        }

        return reason;
    }

    /// <summary>The sample of one OpenTrackIO payload object (public for tools and tests through InternalsVisibleTo).</summary>
    internal static IngestRejectReason TryToSample(JsonObject json, long timestamp, long packetSequence, out TrackingSample sample)
    {
        sample = default;
        if (json["transforms"] is not JsonArray transforms || transforms.Count == 0)
        {
            return json.ContainsKey("transforms") ? IngestRejectReason.Payload : IngestRejectReason.NoPose;
        }

        var position = Vec3.Zero;
        var orientation = Quat.Identity;
        foreach (var node in transforms)
        {
            if (node is not JsonObject t || t["translation"] is not JsonObject tr || t["rotation"] is not JsonObject rot
                || !TryNumber(tr["x"], out var x) || !TryNumber(tr["y"], out var y) || !TryNumber(tr["z"], out var z)
                || !TryNumber(rot["pan"], out var pan) || !TryNumber(rot["tilt"], out var tilt) || !TryNumber(rot["roll"], out var roll))
            {
                return IngestRejectReason.Payload;
            }

            // Compose parent then child: p = p₁ + R₁·p₂, R = R₁·R₂ (in stage axes; the axis change is a similarity).
            position += orientation.Rotate(Vec3.FromZUp(x, y, z));
            orientation = (orientation * PanTiltRoll.ToOrientation(pan, tilt, roll)).Normalized();
        }

        var lens = json["lens"] as JsonObject;
        var focal = Optional(lens?["pinholeFocalLength"]);
        var focus = Optional(lens?["focusDistance"]);
        var pupil = Optional(lens?["entrancePupilOffset"]);
        var cameraId = TryNumber(json["sourceNumber"], out var number) ? (int)number : 0;
        var sequence = TryNumber((json["timing"] as JsonObject)?["sequenceNumber"], out var seq) ? (long)seq : packetSequence;
        sample = new TrackingSample(timestamp, cameraId, position, orientation, focal, focus, pupil, -1, -1, sequence);
        return IngestRejectReason.None;
    }

    private static double Optional(JsonNode? node) => TryNumber(node, out var v) ? v : double.NaN;

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue(out long l))
        {
            value = l;
            return true;
        }

        if (v.TryGetValue(out ulong u))
        {
            value = u;
            return true;
        }

        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }

        if (v.TryGetValue(out float f))
        {
            value = f;
            return true;
        }

        return double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
