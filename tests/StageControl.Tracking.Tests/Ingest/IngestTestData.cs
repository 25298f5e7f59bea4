// Datagram builders shared by the ingest tests.
using System.Text;
using StageControl.Tracking.OpenTrackIO;
using StageControl.Tracking.Osc;

namespace StageControl.Tracking.Tests.Ingest;

internal static class IngestTestData
{
    /// <summary>freed_d1_vectors.txt "pose_a": camera 3, pan 10°, tilt −5°, X 1000 mm, Y 2000 mm, Z 1500 mm.</summary>
    public static byte[] FreeDPoseA => TestVectors.FreeD("pose_a");

    public static byte[] Otrk(ushort sequence, string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);
        var packet = new byte[OtrkHeader.Length + payload.Length];
        OtrkWriter.WritePacket(OtrkEncoding.Json, sequence, 0, true, payload, packet);
        return packet;
    }

    /// <summary>An OSC message with float32 arguments.</summary>
    public static byte[] OscFloats(string address, params float[] args)
    {
        var buffer = new byte[512];
        var writer = new OscWriter(buffer);
        writer.WriteString(address);
        writer.WriteString("," + new string('f', args.Length));
        foreach (var a in args)
        {
            writer.WriteFloat32(a);
        }

        return writer.Written.ToArray();
    }
}
