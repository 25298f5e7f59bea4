namespace StageControl.Tracking.CameraState;

/// <summary>
/// The lens-calibration hook: raw zoom/focus encoder counts → focal length and entrance-pupil offset (math.md §9.2:
/// the pupil moves with zoom). Implementations must not allocate (called on every evaluation).
/// </summary>
public interface ILensCalibration
{
    /// <summary>Evaluates the lens at (possibly interpolated) raw counts; false when it cannot (e.g. no raw zoom).</summary>
    bool TryEvaluate(double zoomRaw, double focusRaw, out double focalLengthMm, out double entrancePupilOffsetM);
}

/// <summary>One row of a <see cref="LinearLensTable"/>.</summary>
/// <param name="ZoomRaw">Raw zoom count.</param>
/// <param name="FocalLengthMm">Focal length at that count, mm.</param>
/// <param name="EntrancePupilOffsetM">Entrance-pupil offset at that count, metres toward the subject.</param>
public readonly record struct LensTablePoint(double ZoomRaw, double FocalLengthMm, double EntrancePupilOffsetM);

/// <summary>
/// Piecewise-linear lens table over raw zoom (focus is ignored: its effect on focal length and pupil is second-order
/// for the frustum), clamped to the end rows outside the table.
/// </summary>
public sealed class LinearLensTable : ILensCalibration
{
    private readonly LensTablePoint[] _points;

    /// <summary>A table from at least one point with strictly increasing <see cref="LensTablePoint.ZoomRaw"/>.</summary>
    public LinearLensTable(IReadOnlyList<LensTablePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("A lens table needs at least one point.", nameof(points));
        }

        _points = new LensTablePoint[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0 && !(points[i].ZoomRaw > points[i - 1].ZoomRaw))
            {
                throw new ArgumentException("Lens table zoom counts must strictly increase.", nameof(points));
            }

            _points[i] = points[i];
        }
    }

    /// <inheritdoc />
    public bool TryEvaluate(double zoomRaw, double focusRaw, out double focalLengthMm, out double entrancePupilOffsetM)
    {
        if (zoomRaw < 0 || double.IsNaN(zoomRaw))
        {
            focalLengthMm = double.NaN;
            entrancePupilOffsetM = double.NaN;
            return false;
        }

        var p = _points;
        if (zoomRaw <= p[0].ZoomRaw)
        {
            (focalLengthMm, entrancePupilOffsetM) = (p[0].FocalLengthMm, p[0].EntrancePupilOffsetM);
            return true;
        }

        var last = p[^1];
        if (zoomRaw >= last.ZoomRaw)
        {
            (focalLengthMm, entrancePupilOffsetM) = (last.FocalLengthMm, last.EntrancePupilOffsetM);
            return true;
        }

        var i = 1;
        while (p[i].ZoomRaw < zoomRaw)
        {
            i++;
        }

        var a = p[i - 1];
        var b = p[i];
        var u = (zoomRaw - a.ZoomRaw) / (b.ZoomRaw - a.ZoomRaw);
        focalLengthMm = a.FocalLengthMm + ((b.FocalLengthMm - a.FocalLengthMm) * u);
        entrancePupilOffsetM = a.EntrancePupilOffsetM + ((b.EntrancePupilOffsetM - a.EntrancePupilOffsetM) * u);
        return true;
    }
}
