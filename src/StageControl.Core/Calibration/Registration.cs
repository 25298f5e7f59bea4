using MathNet.Numerics.LinearAlgebra;
using StageControl.Core.Geometry;

namespace StageControl.Core.Calibration;

/// <summary>
/// Tracker → stage registration from point pairs: Kabsch (rigid) or Umeyama (similarity, with scale), following
/// Umeyama, IEEE PAMI 13(4) 1991, eqs. 38–43, as summarised in shared/notes/math.md §8 [R31]:
/// <list type="number">
/// <item>means μx, μy and σx² = (1/n)·Σ|x_i − μx|²;</item>
/// <item>cross-covariance Σ = (1/n)·Σ (y_i − μy)(x_i − μx)ᵀ and its SVD Σ = U·D·Vᵀ (MathNet.Numerics);</item>
/// <item>reflection guard S = diag(1, 1, −1) when det Σ &lt; 0, else I; when Σ is rank-deficient (e.g. every point
/// in one plane) the sign of det Σ is noise, so det U·det V decides;</item>
/// <item>R = U·S·Vᵀ, c = trace(D·S)/σx² (or 1 for rigid), t = μy − c·R·μx.</item>
/// </list>
/// Inputs are rejected, with a reason, when there are fewer than 3 pairs, a value is not finite, or either point set
/// is coincident or collinear (the rotation about that line would be undetermined).
/// </summary>
public static class Registration
{
    /// <summary>A pair is flagged as an outlier when its residual exceeds this many RMS (derived, §8). With n pairs
    /// no residual can exceed √n·RMS, so a flag needs at least 10 pairs.</summary>
    public const double OutlierFactor = 3.0;

    /// <summary>Residuals at or below this (metres) are never flagged: they are floating-point noise.</summary>
    public const double OutlierFloorM = 1e-9;

    /// <summary>Second singular value of a centred point set, relative to the first, below which the set counts as
    /// collinear.</summary>
    public const double CollinearTolerance = 1e-7;

    /// <summary>Solves for the transform tracker → stage. <paramref name="withScale"/> estimates a uniform scale
    /// (Umeyama); otherwise the scale is exactly 1 (Kabsch).</summary>
    public static bool TrySolve(IReadOnlyList<PointPair> pairs, bool withScale, out RegistrationResult result, out string why)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        result = null!;
        var n = pairs.Count;
        if (n < 3)
        {
            why = $"registration needs at least 3 point pairs, got {n}";
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            if (!pairs[i].Tracker.IsFinite || !pairs[i].Stage.IsFinite)
            {
                why = $"point pair {i + 1} ('{pairs[i].Name}') has a non-finite coordinate";
                return false;
            }
        }

        var muX = Vec3.Zero;
        var muY = Vec3.Zero;
        for (var i = 0; i < n; i++)
        {
            muX += pairs[i].Tracker;
            muY += pairs[i].Stage;
        }

        muX /= n;
        muY /= n;

        if (!CheckSpread(pairs, muX, tracker: true, out why) || !CheckSpread(pairs, muY, tracker: false, out why))
        {
            return false;
        }

        // Umeyama eq. 38: Σ = (1/n)·Σ (y − μy)(x − μx)ᵀ; σx² = (1/n)·Σ|x − μx|².
        var sigma = Matrix<double>.Build.Dense(3, 3);
        var varX = 0.0;
        for (var i = 0; i < n; i++)
        {
            var dx = pairs[i].Tracker - muX;
            var dy = pairs[i].Stage - muY;
            varX += dx.LengthSquared;
            AddOuter(sigma, dy, dx);
        }

        sigma /= n;
        varX /= n;

        var svd = sigma.Svd(computeVectors: true);
        var u = svd.U;
        var vt = svd.VT;
        var d = svd.S; // descending, ≥ 0

        // Umeyama eq. 39 / 43: S = diag(1, 1, −1) when det Σ < 0; rank 2 (coplanar points) → det U·det V decides.
        var rankDeficient = d[2] <= d[0] * 1e-12;
        var flip = rankDeficient ? u.Determinant() * vt.Determinant() < 0 : sigma.Determinant() < 0;
        var s = Matrix<double>.Build.DenseIdentity(3);
        if (flip)
        {
            s[2, 2] = -1;
        }

        var r = u * s * vt;
        var rotation = new Mat3(r[0, 0], r[0, 1], r[0, 2], r[1, 0], r[1, 1], r[1, 2], r[2, 0], r[2, 1], r[2, 2]);

        // Umeyama eq. 42: c = trace(D·S)/σx².
        var scale = withScale ? (d[0] + d[1] + (flip ? -d[2] : d[2])) / varX : 1.0;
        if (!(scale > 0) || !double.IsFinite(scale))
        {
            why = $"registration gave a non-positive scale ({scale}); the point sets do not match";
            return false;
        }

        var translation = muY - (scale * (rotation * muX));

        var residuals = new double[n];
        var sumSq = 0.0;
        for (var i = 0; i < n; i++)
        {
            var e = (scale * (rotation * pairs[i].Tracker)) + translation - pairs[i].Stage;
            residuals[i] = e.Length;
            sumSq += e.LengthSquared;
        }

        var rms = Math.Sqrt(sumSq / n);
        var outliers = new bool[n];
        for (var i = 0; i < n; i++)
        {
            outliers[i] = residuals[i] > OutlierFactor * rms && residuals[i] > OutlierFloorM;
        }

        result = new RegistrationResult(rotation, translation, scale, rms, residuals, outliers);
        why = string.Empty;
        return true;
    }

    /// <summary>Solves or throws <see cref="ArgumentException"/> with the reason.</summary>
    public static RegistrationResult Solve(IReadOnlyList<PointPair> pairs, bool withScale) =>
        TrySolve(pairs, withScale, out var result, out var why) ? result : throw new ArgumentException(why, nameof(pairs));

    private static void AddOuter(Matrix<double> m, Vec3 a, Vec3 b)
    {
        m[0, 0] += a.X * b.X;
        m[0, 1] += a.X * b.Y;
        m[0, 2] += a.X * b.Z;
        m[1, 0] += a.Y * b.X;
        m[1, 1] += a.Y * b.Y;
        m[1, 2] += a.Y * b.Z;
        m[2, 0] += a.Z * b.X;
        m[2, 1] += a.Z * b.Y;
        m[2, 2] += a.Z * b.Z;
    }

    /// <summary>Rejects a coincident or collinear point set, judged from the singular values of the centred points.</summary>
    private static bool CheckSpread(IReadOnlyList<PointPair> pairs, Vec3 mean, bool tracker, out string why)
    {
        var centred = Matrix<double>.Build.Dense(pairs.Count, 3);
        var magnitude = 0.0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var p = tracker ? pairs[i].Tracker : pairs[i].Stage;
            var c = p - mean;
            centred[i, 0] = c.X;
            centred[i, 1] = c.Y;
            centred[i, 2] = c.Z;
            magnitude = Math.Max(magnitude, Math.Max(Math.Abs(p.X), Math.Max(Math.Abs(p.Y), Math.Abs(p.Z))));
        }

        // Singular values of the centred n×3 point matrix: one non-zero → a line, none → a single point.
        var sv = centred.Svd(computeVectors: false).S;
        var s1 = sv[0];
        var s2 = sv[1];
        var which = tracker ? "tracker" : "stage";
        if (s1 <= 1e-12 * (1 + magnitude))
        {
            why = $"the {which} points all coincide; registration needs at least 3 points not on one line";
            return false;
        }

        if (s2 <= CollinearTolerance * s1)
        {
            why = $"the {which} points are collinear; registration needs at least 3 points not on one line";
            return false;
        }

        why = string.Empty;
        return true;
    }
}
