using StageControl.Core.Geometry;

namespace StageControl.Tracking.Mapping;

/// <summary>
/// Pan/tilt/roll in degrees ↔ camera orientation in stage space (+Y up, camera looking down −Z).
/// <para>
/// FreeD's angle conventions (Vinten free-d manual v1.4.4, App. B; shared/notes/protocols.md §1, math.md §1): pan is
/// positive turning right, i.e. clockwise seen from above — a <i>negative</i> right-hand rotation about up; tilt is
/// positive looking up — a positive right-hand rotation about the camera's right axis; roll is positive clockwise seen
/// from behind the camera — a right-hand rotation about the viewing direction (−Z), i.e. negative about +Z. Applied in
/// the order pan, then tilt, then roll (each about the already-turned axes):
/// q = R_y(−pan) ⊗ R_x(tilt) ⊗ R_z(−roll). (Derived; matches math.md §3.3, where yaw −10° about +Y turns the view
/// toward +X, i.e. a pan of +10°.)
/// </para>
/// </summary>
public static class PanTiltRoll
{
    private const double DegToRad = Math.PI / 180.0;
    private const double RadToDeg = 180.0 / Math.PI;

    /// <summary>The orientation for the given angles in degrees.</summary>
    public static Quat ToOrientation(double panDeg, double tiltDeg, double rollDeg) =>
        Quat.FromAxisAngle(Vec3.UnitY, -panDeg * DegToRad)
        * Quat.FromAxisAngle(Vec3.UnitX, tiltDeg * DegToRad)
        * Quat.FromAxisAngle(Vec3.UnitZ, -rollDeg * DegToRad);

    /// <summary>
    /// Angles of an orientation: pan in (−180, 180], tilt in [−90, 90], roll in (−180, 180]. At tilt ±90° pan and roll
    /// are not separable; roll is then reported as 0.
    /// </summary>
    public static (double PanDeg, double TiltDeg, double RollDeg) FromOrientation(Quat orientation)
    {
        var q = orientation.Normalized();

        // Forward f = R_y(a)·R_x(b)·(0, 0, −1) = (−cos b·sin a, sin b, −cos b·cos a), with a = −pan, b = tilt.
        var f = q.Rotate(new Vec3(0, 0, -1));
        var tilt = Math.Asin(Math.Clamp(f.Y, -1.0, 1.0));
        var horizontal = Math.Sqrt((f.X * f.X) + (f.Z * f.Z));
        if (horizontal < 1e-12)
        {
            // Looking straight up or down: put the whole heading into pan, using the camera's up vector.
            var up = q.Rotate(Vec3.UnitY);
            var panAtPole = Math.Atan2(up.X * -Math.Sign(f.Y), -up.Z * -Math.Sign(f.Y));
            return (Wrap(panAtPole * RadToDeg), tilt * RadToDeg, 0);
        }

        var a = Math.Atan2(-f.X, -f.Z);

        // Roll: take the camera's up vector back through R_x(b)ᵀ·R_y(a)ᵀ; what is left is R_z(c)·(0, 1, 0) = (−sin c, cos c, 0).
        var undo = (Quat.FromAxisAngle(Vec3.UnitY, a) * Quat.FromAxisAngle(Vec3.UnitX, tilt)).Conjugate();
        var upLocal = (undo * q).Rotate(Vec3.UnitY);
        var c = Math.Atan2(-upLocal.X, upLocal.Y);
        return (Wrap(-a * RadToDeg), tilt * RadToDeg, Wrap(-c * RadToDeg));
    }

    /// <summary>Wraps an angle in degrees into (−180, 180].</summary>
    public static double Wrap(double degrees)
    {
        var r = Math.IEEERemainder(degrees, 360.0);
        return r <= -180.0 ? r + 360.0 : r;
    }
}
