namespace StageControl.Core.ClockSync;

/// <summary>
/// What <see cref="ClockFilter"/> chose: the minimum-delay sample of its register, with its dispersion and the jitter
/// of the other samples against it (shared/notes/math.md §4.1, [R19]).
/// </summary>
/// <param name="OffsetNs">θ of the chosen sample, ns (server minus client).</param>
/// <param name="DelayNs">δ of the chosen sample, ns.</param>
/// <param name="SampleTimeNs">When the chosen sample was taken (its T4, client clock, ns).</param>
/// <param name="InitialDispersionNs">The chosen sample's dispersion when it was taken (timestamp precision), ns.</param>
/// <param name="JitterNs">RMS of the other samples' offsets against the chosen one, ns (0 with a single sample).</param>
/// <param name="Samples">How many samples the register holds (1..8).</param>
public readonly record struct ClockEstimate(long OffsetNs, long DelayNs, long SampleTimeNs, long InitialDispersionNs, double JitterNs, int Samples)
{
    /// <summary>Dispersion at <paramref name="nowNs"/>: the initial dispersion grown by
    /// <see cref="ClockFilter.DispersionRatePerSecondNs"/> (15 µs) per second of age.</summary>
    public double DispersionNs(long nowNs) =>
        InitialDispersionNs + (ClockFilter.DispersionRatePerSecondNs * Math.Max(0, nowNs - SampleTimeNs) / 1e9);

    /// <summary>The error bound at <paramref name="nowNs"/>, ns: δ/2 + dispersion (math.md §4.1).</summary>
    public double ErrorBoundNs(long nowNs) => (DelayNs / 2.0) + DispersionNs(nowNs);
}
