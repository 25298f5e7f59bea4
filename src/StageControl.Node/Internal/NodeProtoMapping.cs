// The one place where the stage protocol's messages (protos/stagecontrol/v1/common.proto) become the renderer's types.
using StageControl.Core.Geometry;
using StageControl.Render;
using ProtoCamera = StageControl.Protos.V1.CameraState;
using ProtoOperator = StageControl.Protos.V1.OperatorState;
using ProtoPanel = StageControl.Protos.V1.Panel;
using ProtoQuat = StageControl.Protos.V1.Quat;
using ProtoVec3 = StageControl.Protos.V1.Vec3;

namespace StageControl.Node.Internal;

/// <summary>
/// Proto → render conversions. The coordinator is trusted for shape but not for numbers: a camera with a non-finite
/// position, a zero quaternion or a field of view outside (0°, 180°) is passed on as invalid (outer frustum only), and
/// operator values are clamped to their documented ranges.
/// </summary>
internal static class NodeProtoMapping
{
    /// <summary>A vector (a missing one is the origin).</summary>
    public static Vec3 ToVec3(ProtoVec3? v) => v is null ? default : new Vec3(v.X, v.Y, v.Z);

    /// <summary>An assignment panel → the renderer's quad (pa lower-left, pb lower-right, pc upper-left).</summary>
    public static PanelQuad ToQuad(ProtoPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return new PanelQuad(panel.Id, ToVec3(panel.Pa), ToVec3(panel.Pb), ToVec3(panel.Pc), panel.WidthPx, panel.HeightPx);
    }

    /// <summary>A cue's camera → <see cref="RenderCamera"/>.</summary>
    public static RenderCamera ToCamera(ProtoCamera camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var position = ToVec3(camera.Position);
        var q = camera.Orientation ?? new ProtoQuat { W = 1 };
        var length = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
        var valid = camera.Valid
            && double.IsFinite(position.X) && double.IsFinite(position.Y) && double.IsFinite(position.Z)
            && double.IsFinite(length) && length > 1e-9
            && camera.HorizontalFovDeg is > 0 and < 180
            && camera.VerticalFovDeg is > 0 and < 180;
        var orientation = valid ? new Quat(q.W / length, q.X / length, q.Y / length, q.Z / length) : Quat.Identity;
        var hfov = valid ? camera.HorizontalFovDeg : 60;
        var vfov = valid ? camera.VerticalFovDeg : 40;
        return new RenderCamera(camera.Name, valid ? position : default, orientation, hfov, vfov, valid);
    }

    /// <summary>The operator's controls → <see cref="OperatorState"/> (no state: outer frustum only).</summary>
    public static OperatorState ToOperator(ProtoOperator? op)
    {
        if (op is null)
        {
            return OperatorState.OuterOnly;
        }

        var key = op.ChromaKey is { } k
            ? new ChromaKey(k.Enabled, Unit(k.Red), Unit(k.Green), Unit(k.Blue))
            : ChromaKey.Off;
        return new OperatorState(
            string.IsNullOrEmpty(op.ActiveCamera) ? null : op.ActiveCamera,
            double.IsFinite(op.OverscanPct) ? Math.Clamp(op.OverscanPct, 0, 100) : 0,
            double.IsFinite(op.SoftEdge) ? Math.Clamp(op.SoftEdge, 0, 0.5) : 0,
            op.Freeze,
            key);
    }

    private static float Unit(float value) => float.IsFinite(value) ? Math.Clamp(value, 0f, 1f) : 0f;
}
