using System.Buffers;
using System.Text.Json;
using StageControl.Core.Geometry;
using StageControl.Tracking.CameraState;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Mapping;
using StageControl.Tracking.OpenTrackIO;
using StageControl.Tracking.Osc;

namespace StageControl.Tracking.Rebroadcast;

/// <summary>
/// Pure packet builders for re-broadcasting an evaluated camera (and for the simulator). Axes on the wire: FreeD via
/// <see cref="FreeDMapping"/>; OSC and OpenTrackIO positions in metres, <b>Z up</b> (stage (x, y, z) → (x, −z, y), the
/// inverse of math.md §1's mapping) and rotations as pan/tilt/roll degrees in the <see cref="PanTiltRoll"/> (FreeD)
/// convention.
/// </summary>
public static class PoseEncoding
{
    /// <summary>Largest OSC packet <see cref="WriteOsc"/> writes.</summary>
    public const int MaxOscLength = 128;

    /// <summary>Converts a raw sample to a pose (no registration, no lens calibration), for senders.</summary>
    public static CameraPose FromSample(in TrackingSample sample)
    {
        var e = double.IsNaN(sample.EntrancePupilOffsetM) ? 0 : sample.EntrancePupilOffsetM;
        return new CameraPose(
            sample.ArrivalTimestamp,
            sample.Position,
            sample.Orientation,
            sample.FocalLengthMm,
            e,
            sample.Position + sample.Orientation.Rotate(new Vec3(0, 0, -e)),
            sample.FocusDistanceM,
            sample.ZoomRaw,
            sample.FocusRaw,
            CameraPoseState.Interpolated);
    }

    /// <summary>Stage position → Z-up wire position (x, −z, y).</summary>
    public static (double X, double Y, double Z) ToZUp(Vec3 stage) => (stage.X, -stage.Z, stage.Y);

    /// <summary>
    /// Writes a FreeD D1 message (29 bytes) for <paramref name="pose"/>; false when a value is outside FreeD's range.
    /// </summary>
    public static bool TryWriteFreeD(in CameraPose pose, byte cameraId, Span<byte> destination, out int written)
    {
        var sample = new TrackingSample(
            pose.EvaluationTimestamp, cameraId, pose.Position, pose.Orientation, pose.FocalLengthMm, pose.FocusDistanceM,
            pose.EntrancePupilOffsetM, pose.ZoomRaw, pose.FocusRaw, -1);
        if (!FreeDMapping.TryFromSample(sample, cameraId, 0, out var d1) || destination.Length < FreeDWriter.D1Length)
        {
            written = 0;
            return false;
        }

        written = FreeDWriter.Write(d1, destination);
        return true;
    }

    /// <summary>
    /// Writes an OSC bundle (timetag "immediately") of <c>/camera/N/pose ,ffffff</c> x y z (metres, Z up) pan tilt
    /// roll (degrees) and <c>/camera/N/lens ,fff</c> focal length (mm), focus distance (m) and f-stop (NaN when unknown;
    /// the argument order of shared/data/osc/osc_vectors.txt's camera bundle).
    /// Returns the length.
    /// </summary>
    public static int WriteOsc(in CameraPose pose, int cameraId, Span<byte> destination)
    {
        var (x, y, z) = ToZUp(pose.Position);
        var (pan, tilt, roll) = PanTiltRoll.FromOrientation(pose.Orientation);
        var writer = new OscWriter(destination);
        writer.WriteBundleHeader(OscTimeTag.Immediately);
        var token = writer.BeginElement();
        writer.WriteString(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/camera/{cameraId}/pose"));
        writer.WriteString(",ffffff"u8);
        writer.WriteFloat32((float)x);
        writer.WriteFloat32((float)y);
        writer.WriteFloat32((float)z);
        writer.WriteFloat32((float)pan);
        writer.WriteFloat32((float)tilt);
        writer.WriteFloat32((float)roll);
        writer.EndElement(token);
        token = writer.BeginElement();
        writer.WriteString(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/camera/{cameraId}/lens"));
        writer.WriteString(",fff"u8);
        writer.WriteFloat32((float)pose.FocalLengthMm);
        writer.WriteFloat32((float)pose.FocusDistanceM);
        writer.WriteFloat32(float.NaN);
        writer.EndElement(token);
        return writer.BytesWritten;
    }
}

/// <summary>
/// OpenTrackIO 1.0.1 sender state for one source (protocols.md §3): builds the JSON payload of each sample
/// (protocol, sourceNumber, timing.sequenceNumber / sampleRate, one transform in metres Z-up with pan/tilt/roll in
/// degrees, lens pinholeFocalLength / focusDistance / entrancePupilOffset / rawEncoders) and segments it into OTrk packets
/// (<see cref="OtrkWriter.Segment"/>), numbering packets with a wrapping uint16 sequence.
/// Allocates per sample (the payload and packet arrays); meant for re-broadcast and tools, not the ingest hot path.
/// </summary>
/// <param name="sourceNumber">Source Number 1–200.</param>
/// <param name="sampleRate">Samples per second announced in timing.sampleRate (0 = leave out).</param>
/// <param name="maxSegmentPayload">Largest payload per packet (1484 for a 1500-byte MTU).</param>
public sealed class OtrkPoseEncoder(int sourceNumber, int sampleRate = 0, int maxSegmentPayload = 1484)
{
    /// <summary>OpenTrackIO's default UDP port.</summary>
    public const int DefaultPort = 55555;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    /// <summary>The Source Number.</summary>
    public int SourceNumber { get; } = sourceNumber is >= 1 and <= 200
        ? sourceNumber
        : throw new ArgumentOutOfRangeException(nameof(sourceNumber), "OpenTrackIO source numbers are 1–200.");

    /// <summary>Sequence number of the next packet.</summary>
    public ushort NextPacketSequence { get; set; }

    /// <summary>timing.sequenceNumber of the next sample.</summary>
    public uint NextSampleSequence { get; set; }

    /// <summary>The multicast group 239.135.1.N for this source (protocols.md §3.2).</summary>
    public System.Net.IPEndPoint MulticastEndPoint =>
        new(new System.Net.IPAddress([239, 135, 1, (byte)SourceNumber]), DefaultPort);

    /// <summary>Writes the JSON payload of <paramref name="pose"/> and returns it (valid until the next call).</summary>
    public ReadOnlyMemory<byte> WritePayload(in CameraPose pose)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer))
        {
            var (x, y, z) = PoseEncoding.ToZUp(pose.Position);
            var (pan, tilt, roll) = PanTiltRoll.FromOrientation(pose.Orientation);
            json.WriteStartObject();
            json.WriteStartObject("protocol");
            json.WriteString("name", "OpenTrackIO");
            json.WriteStartArray("version");
            json.WriteNumberValue(1);
            json.WriteNumberValue(0);
            json.WriteNumberValue(1);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteNumber("sourceNumber", SourceNumber);
            json.WriteStartObject("timing");
            json.WriteString("mode", "internal");
            json.WriteNumber("sequenceNumber", NextSampleSequence);
            if (sampleRate > 0)
            {
                json.WriteStartObject("sampleRate");
                json.WriteNumber("num", sampleRate);
                json.WriteNumber("denom", 1);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartArray("transforms");
            json.WriteStartObject();
            json.WriteStartObject("translation");
            json.WriteNumber("x", x);
            json.WriteNumber("y", y);
            json.WriteNumber("z", z);
            json.WriteEndObject();
            json.WriteStartObject("rotation");
            json.WriteNumber("pan", pan);
            json.WriteNumber("tilt", tilt);
            json.WriteNumber("roll", roll);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("lens");
            if (pose.FocalLengthMm > 0)
            {
                json.WriteNumber("pinholeFocalLength", pose.FocalLengthMm);
            }

            if (pose.FocusDistanceM > 0)
            {
                json.WriteNumber("focusDistance", pose.FocusDistanceM);
            }

            json.WriteNumber("entrancePupilOffset", pose.EntrancePupilOffsetM);
            if (pose.ZoomRaw >= 0 || pose.FocusRaw >= 0)
            {
                json.WriteStartObject("rawEncoders");
                if (pose.FocusRaw >= 0)
                {
                    json.WriteNumber("focus", pose.FocusRaw);
                }

                if (pose.ZoomRaw >= 0)
                {
                    json.WriteNumber("zoom", pose.ZoomRaw);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        NextSampleSequence++;
        return _buffer.WrittenMemory;
    }

    /// <summary>The OTrk packets (one per segment) carrying <paramref name="pose"/>.</summary>
    public IReadOnlyList<byte[]> Encode(in CameraPose pose)
    {
        var payload = WritePayload(pose);
        var packets = OtrkWriter.Segment(OtrkEncoding.Json, NextPacketSequence, payload.Span, maxSegmentPayload);
        NextPacketSequence = unchecked((ushort)(NextPacketSequence + packets.Count));
        return packets;
    }
}
