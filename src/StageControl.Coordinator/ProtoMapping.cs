// Conversions between the Core/Tracking model and the stage protocol's messages (protos/stagecontrol/v1/common.proto).
using System.Globalization;
using StageControl.Core.Stage;
using ProtoRate = StageControl.Protos.V1.FrameRate;
using ProtoVec3 = StageControl.Protos.V1.Vec3;
using ProtoQuat = StageControl.Protos.V1.Quat;
using ProtoPanel = StageControl.Protos.V1.Panel;
using ProtoCameraState = StageControl.Protos.V1.CameraState;

namespace StageControl.Coordinator;

/// <summary>Model → proto conversions.</summary>
internal static class ProtoMapping
{
    /// <summary>A vector.</summary>
    public static ProtoVec3 ToProto(Core.Geometry.Vec3 v) => new() { X = v.X, Y = v.Y, Z = v.Z };

    /// <summary>A quaternion.</summary>
    public static ProtoQuat ToProto(Core.Geometry.Quat q) => new() { W = q.W, X = q.X, Y = q.Y, Z = q.Z };

    /// <summary>Copies every field of <paramref name="from"/> into <paramref name="to"/>, reusing its position and
    /// orientation objects (no allocation once they exist). Unlike <c>MergeFrom</c>, default values are copied too.</summary>
    public static void Copy(ProtoCameraState from, ProtoCameraState to)
    {
        to.Name = from.Name;
        if (from.Position is { } p)
        {
            var q = to.Position ??= new ProtoVec3();
            q.X = p.X;
            q.Y = p.Y;
            q.Z = p.Z;
        }
        else
        {
            to.Position = null;
        }

        if (from.Orientation is { } o)
        {
            var r = to.Orientation ??= new ProtoQuat();
            r.W = o.W;
            r.X = o.X;
            r.Y = o.Y;
            r.Z = o.Z;
        }
        else
        {
            to.Orientation = null;
        }

        to.VerticalFovDeg = from.VerticalFovDeg;
        to.HorizontalFovDeg = from.HorizontalFovDeg;
        to.FocalLengthMm = from.FocalLengthMm;
        to.ZoomRaw = from.ZoomRaw;
        to.FocusRaw = from.FocusRaw;
        to.Valid = from.Valid;
        to.Stale = from.Stale;
        to.SampleAgeUs = from.SampleAgeUs;
        to.ArrivalMonoNs = from.ArrivalMonoNs;
        to.SourceSequence = from.SourceSequence;
    }

    /// <summary>A frame rate.</summary>
    public static ProtoRate ToProto(Core.Timing.FrameRate rate) => new() { Numerator = (int)rate.Numerator, Denominator = (int)rate.Denominator };

    /// <summary>A panel with Kooima's corners (pa lower-left, pb lower-right, pc upper-left, pd upper-right).</summary>
    public static ProtoPanel ToProto(StagePanel panel, string node)
    {
        var quad = panel.Quad;
        return new ProtoPanel
        {
            Id = panel.Id,
            WallId = panel.WallId,
            Column = panel.Column,
            Row = panel.Row,
            Pa = ToProto(quad.LowerLeft),
            Pb = ToProto(quad.LowerRight),
            Pc = ToProto(quad.UpperLeft),
            Pd = ToProto(quad.UpperRight),
            WidthPx = quad.PixelsX,
            HeightPx = quad.PixelsY,
            Node = node,
        };
    }

    /// <summary>A processor output as "processor:output".</summary>
    public static string OutputName(NodeOutput output) =>
        output.ProcessorId + ":" + output.Output.ToString(CultureInfo.InvariantCulture);

    /// <summary>The config's protocol word.</summary>
    public static string ProtocolName(TrackingProtocol protocol) => protocol switch
    {
        TrackingProtocol.FreeD => "freed",
        TrackingProtocol.Osc => "osc",
        _ => "opentrackio",
    };
}
