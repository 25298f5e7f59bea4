// The limits of a camera's calibration (protos/stagecontrol/v1/calibration.proto), checked the same way for a gRPC
// change, a solved registration about to be applied and a calibration.json read at start. Each check answers the field
// that is wrong (relative: "rotation", "translation", "scale", ...) and a sentence; callers prefix it with where the
// value came from (a request field or a JSON path).
using System.Globalization;
using StageControl.Protos.V1;
using StageControl.Tracking.CameraState;
using Mat3 = StageControl.Core.Geometry.Mat3;

namespace StageControl.Coordinator.Calibration;

/// <summary>Validation and conversion of calibration values.</summary>
internal static class CalibrationRules
{
    /// <summary>Largest |tracking delay|, ms.</summary>
    public const double MaxDelayMs = 500;

    /// <summary>Largest |translation|, metres.</summary>
    public const double MaxTranslationM = 1000;

    /// <summary>Scale bounds (exclusive).</summary>
    public const double MinScale = 0.01;

    /// <summary>Scale bounds (exclusive).</summary>
    public const double MaxScale = 100;

    /// <summary>Tolerance of R·Rᵀ = I and det R = +1.</summary>
    public const double RotationTolerance = 1e-6;

    /// <summary>The One Euro "configured rate" (used only until two sample timestamps give the real one).</summary>
    public const double FilterFallbackRateHz = 60;

    /// <summary>The One Euro derivative cutoff when a request leaves it 0 (the paper's default).</summary>
    public const double DefaultDerivativeCutoffHz = 1.0;

    /// <summary>A problem with one field: its name relative to the checked message, and what is wrong.</summary>
    public readonly record struct Problem(string Field, string Message);

    /// <summary>Checks a registration; null when it is fine.</summary>
    public static Problem? Check(CameraRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var r = registration.Rotation;
        if (r.Count != 9)
        {
            return new Problem("rotation", F($"needs 9 values (3×3 row-major), got {r.Count}"));
        }

        for (var i = 0; i < 9; i++)
        {
            if (!double.IsFinite(r[i]))
            {
                return new Problem(F($"rotation[{i}]"), F($"{r[i]} is not a finite number"));
            }
        }

        var m = ToMat3(registration);
        var rrt = m * m.Transpose();
        var worst = 0.0;
        for (var row = 0; row < 3; row++)
        {
            for (var column = 0; column < 3; column++)
            {
                worst = Math.Max(worst, Math.Abs(rrt[row, column] - (row == column ? 1 : 0)));
            }
        }

        if (worst > RotationTolerance)
        {
            // A scaled rotation (c·R) is orthogonal up to c²: say where the scale belongs.
            var k = (rrt.M00 + rrt.M11 + rrt.M22) / 3;
            var scaled = k > 0 && Math.Abs(rrt.M01) + Math.Abs(rrt.M02) + Math.Abs(rrt.M12) < RotationTolerance * 3 * k
                ? F($" (it looks scaled by {Math.Sqrt(k):0.######}: put the scale in 'scale', not in the rotation)")
                : string.Empty;
            return new Problem("rotation", F($"is not orthonormal: R·Rᵀ differs from the identity by {worst:0.###e+0} (tolerance {RotationTolerance:0e+0}){scaled}"));
        }

        var det = m.Determinant;
        if (Math.Abs(det - 1) > RotationTolerance)
        {
            return new Problem("rotation", F($"has determinant {det:0.######}, not +1 (a reflection, not a rotation: check the handedness of the tracker's axes)"));
        }

        var t = registration.Translation ?? new Vec3();
        if (!double.IsFinite(t.X) || !double.IsFinite(t.Y) || !double.IsFinite(t.Z))
        {
            return new Problem("translation", "has a coordinate that is not a finite number");
        }

        var length = Math.Sqrt((t.X * t.X) + (t.Y * t.Y) + (t.Z * t.Z));
        if (length > MaxTranslationM)
        {
            return new Problem("translation", F($"is {length:0.###} m long; at most {MaxTranslationM} m"));
        }

        var scale = registration.Scale;
        if (!double.IsFinite(scale) || !(scale > MinScale && scale < MaxScale))
        {
            return new Problem("scale", F($"{scale} is outside ({MinScale}, {MaxScale})"));
        }

        if (!double.IsFinite(registration.RmsM) || registration.RmsM < 0)
        {
            return new Problem("rms_m", F($"{registration.RmsM} is not a non-negative number"));
        }

        if (registration.PointCount < 0)
        {
            return new Problem("point_count", F($"{registration.PointCount} is negative"));
        }

        return registration.SolvedUnixNs < 0 ? new Problem("solved_unix_ns", F($"{registration.SolvedUnixNs} is negative")) : null;
    }

    /// <summary>Checks a tracking delay, ms; null when it is fine.</summary>
    public static string? CheckDelay(double delayMs) =>
        double.IsFinite(delayMs) && Math.Abs(delayMs) <= MaxDelayMs ? null : F($"{delayMs} is outside -{MaxDelayMs}..{MaxDelayMs}");

    /// <summary>Checks One Euro parameters; null when they are fine. Beta may be 0 (a fixed cutoff, the filter's own
    /// default); the cutoffs must be positive.</summary>
    public static Problem? Check(OneEuroParameters filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!double.IsFinite(filter.MinCutoffHz) || !(filter.MinCutoffHz > 0))
        {
            return new Problem("min_cutoff_hz", F($"{filter.MinCutoffHz} is not a positive finite number"));
        }

        if (!double.IsFinite(filter.Beta) || filter.Beta < 0)
        {
            return new Problem("beta", F($"{filter.Beta} is not a finite number ≥ 0"));
        }

        return !double.IsFinite(filter.DerivativeCutoffHz) || !(filter.DerivativeCutoffHz > 0)
            ? new Problem("derivative_cutoff_hz", F($"{filter.DerivativeCutoffHz} is not a positive finite number"))
            : null;
    }

    /// <summary>R as a <see cref="Mat3"/> (9 values, row-major).</summary>
    public static Mat3 ToMat3(CameraRegistration registration)
    {
        var r = registration.Rotation;
        return new Mat3(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
    }

    /// <summary>The hook for the camera state (identity when null).</summary>
    public static StageRegistration ToHook(CameraRegistration? registration)
    {
        if (registration is null)
        {
            return StageRegistration.Identity;
        }

        var t = registration.Translation ?? new Vec3();
        return new StageRegistration(ToMat3(registration), new Core.Geometry.Vec3(t.X, t.Y, t.Z), registration.Scale);
    }

    /// <summary>The filter for the camera state (null when off).</summary>
    public static OneEuroSettings? ToHook(OneEuroParameters? filter) =>
        filter is null ? null : new OneEuroSettings(FilterFallbackRateHz, filter.MinCutoffHz, filter.Beta, filter.DerivativeCutoffHz);

    /// <summary>A registration message from a solver result.</summary>
    public static CameraRegistration FromResult(Core.Calibration.RegistrationResult result, int points, long solvedUnixNs)
    {
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Rotation;
        var registration = new CameraRegistration
        {
            Translation = new Vec3 { X = result.Translation.X, Y = result.Translation.Y, Z = result.Translation.Z },
            Scale = result.Scale,
            RmsM = result.RmsM,
            SolvedUnixNs = solvedUnixNs,
            PointCount = points,
        };
        registration.Rotation.Add([m.M00, m.M01, m.M02, m.M10, m.M11, m.M12, m.M20, m.M21, m.M22]);
        return registration;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
