using StageControl.Core.Geometry;
using StageControl.Tracking.Mapping;

namespace StageControl.Tracking.Simulator;

/// <summary>The simulated camera motions of <c>stagectl track send --path</c>.</summary>
public enum CameraPathKind
{
    /// <summary>Circles a stage point at a fixed radius and height, always looking at it (one turn in 20 s).</summary>
    Orbit = 0,

    /// <summary>A slow sinusoidal back-and-forth track along stage X (±2 m, 12 s period: velocity and acceleration
    /// are smooth), looking toward the wall (−Z) with a slight downward tilt.</summary>
    Dolly = 1,

    /// <summary>A fixed base pose plus band-limited noise: per axis a sum of three sines with seeded frequencies
    /// (0.3–2.5 Hz), phases and amplitudes (≈1 cm, ≈0.5°).</summary>
    Handheld = 2,
}

/// <summary>
/// Realistic camera motion as a pure function of time: <see cref="Sample"/> gives the same pose for the same
/// (kind, seed, t). Poses are in <see cref="TrackingSample"/> form (stage axes before registration, metres, +Y up,
/// camera looking down −Z); the wall is assumed near stage z = −3 m. Lens: 35 mm, focus 3 m, zoom/focus raw 0x8000.
/// </summary>
public sealed class CameraPath
{
    /// <summary>The orbit's centre of interest (stage metres).</summary>
    public static readonly Vec3 OrbitCentre = new(0, 1.5, -1);

    /// <summary>The orbit's radius, metres.</summary>
    public const double OrbitRadiusM = 3.0;

    private const double OrbitPeriodS = 20.0;
    private const double DollyPeriodS = 12.0;
    private const double DollyAmplitudeM = 2.0;
    private const double DegToRad = Math.PI / 180.0;
    private const double RadToDeg = 180.0 / Math.PI;

    // Handheld: 6 channels (x, y, z, pan, tilt, roll) × 3 sines × (amplitude, angular frequency, phase).
    private readonly double[] _noise = new double[6 * 3 * 3];

    private CameraPath(CameraPathKind kind, int seed)
    {
        Kind = kind;
        Seed = seed;
        var random = new Random(seed);
        for (var channel = 0; channel < 6; channel++)
        {
            // Positions ≈ 1 cm, angles ≈ 0.5° in total over the three partials.
            var scale = channel < 3 ? 0.01 : 0.5;
            for (var k = 0; k < 3; k++)
            {
                var at = ((channel * 3) + k) * 3;
                _noise[at] = scale * (0.2 + (0.4 * random.NextDouble())) / (k + 1);
                _noise[at + 1] = 2 * Math.PI * (0.3 + (2.2 * random.NextDouble()));
                _noise[at + 2] = 2 * Math.PI * random.NextDouble();
            }
        }
    }

    /// <summary>The motion kind.</summary>
    public CameraPathKind Kind { get; }

    /// <summary>The noise seed (only <see cref="CameraPathKind.Handheld"/> depends on it).</summary>
    public int Seed { get; }

    /// <summary>A path of the given kind and seed.</summary>
    public static CameraPath Create(CameraPathKind kind, int seed = 1) => new(kind, seed);

    /// <summary>Parses "orbit", "dolly" or "handheld" (case-insensitive).</summary>
    public static bool TryParseKind(string? text, out CameraPathKind kind)
    {
        switch (text?.ToUpperInvariant())
        {
            case "ORBIT":
                kind = CameraPathKind.Orbit;
                return true;
            case "DOLLY":
                kind = CameraPathKind.Dolly;
                return true;
            case "HANDHELD":
                kind = CameraPathKind.Handheld;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>The pose at <paramref name="seconds"/> after the path's start.</summary>
    public TrackingSample Sample(double seconds, long arrivalTimestamp = 0, int cameraId = 1)
    {
        Vec3 position;
        double pan, tilt, roll;
        switch (Kind)
        {
            case CameraPathKind.Orbit:
            {
                var phi = 2 * Math.PI * seconds / OrbitPeriodS;
                position = OrbitCentre + new Vec3(OrbitRadiusM * Math.Sin(phi), 0.2, OrbitRadiusM * Math.Cos(phi));
                (pan, tilt) = LookAt(position, OrbitCentre);
                roll = 0;
                break;
            }

            case CameraPathKind.Dolly:
                position = new Vec3(DollyAmplitudeM * Math.Sin(2 * Math.PI * seconds / DollyPeriodS), 1.6, 4.0);
                (pan, tilt, roll) = (0, -3, 0);
                break;
            default:
                position = new Vec3(0, 1.6, 3.5) + new Vec3(Noise(0, seconds), Noise(1, seconds), Noise(2, seconds));
                (pan, tilt, roll) = (Noise(3, seconds), -5 + Noise(4, seconds), Noise(5, seconds));
                break;
        }

        return new TrackingSample(
            arrivalTimestamp,
            cameraId,
            position,
            PanTiltRoll.ToOrientation(pan, tilt, roll),
            35.0,
            3.0,
            double.NaN,
            0x8000,
            0x8000,
            -1);
    }

    /// <summary>Pan and tilt (FreeD convention, <see cref="PanTiltRoll"/>) that point the camera from
    /// <paramref name="eye"/> at <paramref name="target"/>.</summary>
    public static (double PanDeg, double TiltDeg) LookAt(Vec3 eye, Vec3 target)
    {
        // Forward f = (−cos b·sin a, sin b, −cos b·cos a) with a = −pan, b = tilt (PanTiltRoll).
        var f = (target - eye).Normalized();
        var a = Math.Atan2(-f.X, -f.Z);
        return (-a * RadToDeg, Math.Asin(Math.Clamp(f.Y, -1, 1)) * RadToDeg);
    }

    private double Noise(int channel, double t)
    {
        var sum = 0.0;
        for (var k = 0; k < 3; k++)
        {
            var at = ((channel * 3) + k) * 3;
            sum += _noise[at] * Math.Sin((_noise[at + 1] * t) + _noise[at + 2]);
        }

        return sum;
    }
}
