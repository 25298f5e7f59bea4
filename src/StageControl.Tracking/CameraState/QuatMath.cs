using StageControl.Core.Geometry;

namespace StageControl.Tracking.CameraState;

/// <summary>Quaternion helpers the camera state needs beyond Core's <see cref="Quat"/>: matrix → quaternion,
/// rotation vector (log) and its exponential (math.md §7.4).</summary>
internal static class QuatMath
{
    /// <summary>Unit quaternion of a proper rotation matrix (Shepperd's method: pick the largest diagonal term).</summary>
    public static Quat FromMatrix(Mat3 m)
    {
        var trace = m.M00 + m.M11 + m.M22;
        Quat q;
        if (trace > 0)
        {
            var s = Math.Sqrt(trace + 1.0) * 2;
            q = new Quat(0.25 * s, (m.M21 - m.M12) / s, (m.M02 - m.M20) / s, (m.M10 - m.M01) / s);
        }
        else if (m.M00 > m.M11 && m.M00 > m.M22)
        {
            var s = Math.Sqrt(1.0 + m.M00 - m.M11 - m.M22) * 2;
            q = new Quat((m.M21 - m.M12) / s, 0.25 * s, (m.M01 + m.M10) / s, (m.M02 + m.M20) / s);
        }
        else if (m.M11 > m.M22)
        {
            var s = Math.Sqrt(1.0 + m.M11 - m.M00 - m.M22) * 2;
            q = new Quat((m.M02 - m.M20) / s, (m.M01 + m.M10) / s, 0.25 * s, (m.M12 + m.M21) / s);
        }
        else
        {
            var s = Math.Sqrt(1.0 + m.M22 - m.M00 - m.M11) * 2;
            q = new Quat((m.M10 - m.M01) / s, (m.M02 + m.M20) / s, (m.M12 + m.M21) / s, 0.25 * s);
        }

        return q.Normalized();
    }

    /// <summary>Rotation vector (axis · angle, radians, angle in [0, π]) of a unit quaternion, shorter arc.</summary>
    public static Vec3 Log(Quat q)
    {
        if (q.W < 0)
        {
            q = new Quat(-q.W, -q.X, -q.Y, -q.Z);
        }

        var v = new Vec3(q.X, q.Y, q.Z);
        var sinHalf = v.Length;
        if (sinHalf < 1e-12)
        {
            return v * 2.0;
        }

        var angle = 2.0 * Math.Atan2(sinHalf, q.W);
        return v * (angle / sinHalf);
    }

    /// <summary>Unit quaternion of a rotation vector: exp(ω/2).</summary>
    public static Quat Exp(Vec3 rotationVector)
    {
        var angle = rotationVector.Length;
        if (angle < 1e-12)
        {
            return new Quat(1, rotationVector.X * 0.5, rotationVector.Y * 0.5, rotationVector.Z * 0.5).Normalized();
        }

        return Quat.FromAxisAngle(rotationVector / angle, angle);
    }

    /// <summary>Angle in radians between two orientations (shorter arc).</summary>
    public static double AngleBetween(Quat a, Quat b) =>
        2.0 * Math.Acos(Math.Min(1.0, Math.Abs(Quat.Dot(a.Normalized(), b.Normalized()))));
}
