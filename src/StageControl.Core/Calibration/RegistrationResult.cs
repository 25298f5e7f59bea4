using StageControl.Core.Geometry;

namespace StageControl.Core.Calibration;

/// <summary>
/// A similarity transform tracker → stage, <c>y = c·R·x + t</c>, and how well it fits the point pairs it was solved
/// from (shared/notes/math.md §8). With rigid registration <see cref="Scale"/> is exactly 1.
/// </summary>
public sealed class RegistrationResult
{
    internal RegistrationResult(Mat3 rotation, Vec3 translation, double scale, double rmsM, double[] residualsM, bool[] outliers)
    {
        Rotation = rotation;
        Translation = translation;
        Scale = scale;
        RmsM = rmsM;
        ResidualsM = residualsM;
        Outliers = outliers;
    }

    /// <summary>Proper rotation R (det = +1), row-major, acting on column vectors.</summary>
    public Mat3 Rotation { get; }

    /// <summary>Translation t, stage units (metres).</summary>
    public Vec3 Translation { get; }

    /// <summary>Scale c (1 for rigid registration).</summary>
    public double Scale { get; }

    /// <summary>Root-mean-square residual <c>sqrt((1/n)·Σ|c·R·x_i + t − y_i|²)</c>, metres.</summary>
    public double RmsM { get; }

    /// <summary>Per-pair residual <c>|c·R·x_i + t − y_i|</c> in the input order, metres.</summary>
    public IReadOnlyList<double> ResidualsM { get; }

    /// <summary>Per-pair outlier flag in the input order: residual above <see cref="Registration.OutlierFactor"/> ×
    /// RMS (and above <see cref="Registration.OutlierFloorM"/>, so floating-point noise is never flagged).</summary>
    public IReadOnlyList<bool> Outliers { get; }

    /// <summary>Maps a tracker point into stage space: c·R·x + t.</summary>
    public Vec3 Apply(Vec3 tracker) => (Scale * (Rotation * tracker)) + Translation;
}
