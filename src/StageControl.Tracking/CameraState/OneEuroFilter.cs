namespace StageControl.Tracking.CameraState;

/// <summary>One Euro filter parameters (math.md §7.2; Casiez, Roussel, Vogel, CHI 2012).</summary>
/// <param name="Frequency">Configured sample rate in Hz (&gt; 0), used until timestamps give one.</param>
/// <param name="MinCutoff">Minimum cutoff in Hz (default 1.0): lower removes more jitter.</param>
/// <param name="Beta">Speed coefficient (default 0.0): higher reduces lag.</param>
/// <param name="DerivativeCutoff">Cutoff for the derivative in Hz (default 1.0).</param>
public readonly record struct OneEuroSettings(double Frequency, double MinCutoff = 1.0, double Beta = 0.0, double DerivativeCutoff = 1.0);

/// <summary>
/// One Euro filter, <b>variant: the Casiez/Roussel reference Python implementation</b> (math.md §7.2 [R27]):
/// the derivative is taken against the previous <i>filtered</i> value (dx = 0 on the first sample), the first sample
/// passes through unchanged, and the rate is re-derived from timestamps only when the previous and the current
/// timestamp are both "truthy" (non-zero, not NaN) and increasing — a timestamp of exactly 0 keeps the configured rate.
/// A mutable struct holding only doubles: embed it in a field, never copy it.
/// </summary>
public struct OneEuroFilter
{
    private readonly double _minCutoff;
    private readonly double _beta;
    private readonly double _dCutoff;
    private double _freq;
    private double _lastTime;
    private double _xHat;
    private double _dxHat;
    private bool _hasValue;

    /// <summary>A filter with the given settings.</summary>
    public OneEuroFilter(OneEuroSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Frequency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.MinCutoff);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.DerivativeCutoff);
        _freq = settings.Frequency;
        _minCutoff = settings.MinCutoff;
        _beta = settings.Beta;
        _dCutoff = settings.DerivativeCutoff;
        _lastTime = double.NaN;
    }

    /// <summary>The current sample rate estimate in Hz.</summary>
    public readonly double Frequency => _freq;

    /// <summary>Smoothing factor α(fc) = 1/(1 + τ/Te), τ = 1/(2π·fc), Te = 1/freq.</summary>
    public static double Alpha(double cutoffHz, double frequencyHz)
    {
        var te = 1.0 / frequencyHz;
        var tau = 1.0 / (2.0 * Math.PI * cutoffHz);
        return 1.0 / (1.0 + (tau / te));
    }

    /// <summary>Filters <paramref name="x"/> taken at <paramref name="timestampSeconds"/> (NaN = no timestamp).</summary>
    public double Filter(double x, double timestampSeconds)
    {
        UpdateFrequency(timestampSeconds);
        var dx = _hasValue ? (x - _xHat) * _freq : 0.0;
        return Smooth(x, dx);
    }

    /// <summary>
    /// The rotation form: <paramref name="speed"/> is the derivative magnitude already computed by the caller (e.g. the
    /// angle between the previous filtered and the new orientation times <see cref="Frequency"/>); returns the alpha to
    /// move from the previous filtered value toward the new one (1 on the first sample).
    /// </summary>
    internal double AlphaForSpeed(double speed)
    {
        var edx = _hasValue ? (Alpha(_dCutoff, _freq) * speed) + ((1 - Alpha(_dCutoff, _freq)) * _dxHat) : speed;
        var alpha = _hasValue ? Alpha(_minCutoff + (_beta * Math.Abs(edx)), _freq) : 1.0;
        _dxHat = edx;
        _hasValue = true;
        return alpha;
    }

    /// <summary>Updates the rate from a timestamp (reference quirk: 0 and NaN count as missing).</summary>
    internal void UpdateFrequency(double timestampSeconds)
    {
        if (IsTruthy(_lastTime) && IsTruthy(timestampSeconds) && timestampSeconds > _lastTime)
        {
            _freq = 1.0 / (timestampSeconds - _lastTime);
        }

        _lastTime = timestampSeconds;
    }

    private double Smooth(double x, double dx)
    {
        if (!_hasValue)
        {
            // Both low-pass filters pass their first value through.
            _dxHat = dx;
            _xHat = x;
            _hasValue = true;
            return x;
        }

        var aD = Alpha(_dCutoff, _freq);
        _dxHat = (aD * dx) + ((1 - aD) * _dxHat);
        var a = Alpha(_minCutoff + (_beta * Math.Abs(_dxHat)), _freq);
        _xHat = (a * x) + ((1 - a) * _xHat);
        return _xHat;
    }

    private static bool IsTruthy(double t) => t != 0 && !double.IsNaN(t);
}
