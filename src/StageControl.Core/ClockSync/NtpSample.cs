namespace StageControl.Core.ClockSync;

/// <summary>
/// One NTP on-wire exchange (shared/notes/math.md §4.1; RFC 5905 §8 [R18]): T1 client send, T2 server receive, T3
/// server send, T4 client receive, each in integer nanoseconds on the clock that read it (T1, T4 the client's; T2, T3
/// the server's).
/// <code>
///   client  T1 ──────────────▶ T2  server
///           T4 ◀────────────── T3
///   offset θ = ((T2 − T1) + (T3 − T4)) / 2      (server minus client)
///   delay  δ = (T4 − T1) − (T3 − T2)            (round trip, less the server's hold time)
/// </code>
/// With one-way delays a (out) and b (back) the offset is off by (a − b)/2, so its error is at most δ/2 [R19].
/// </summary>
/// <param name="T1">Client send, client clock, ns.</param>
/// <param name="T2">Server receive, server clock, ns.</param>
/// <param name="T3">Server send, server clock, ns.</param>
/// <param name="T4">Client receive, client clock, ns.</param>
public readonly record struct NtpSample(long T1, long T2, long T3, long T4)
{
    /// <summary>θ = ((T2 − T1) + (T3 − T4)) / 2 in ns, rounded toward −∞ (the sum is done in Int128: no overflow).</summary>
    public long OffsetNs
    {
        get
        {
            var sum = ((Int128)T2 - T1) + ((Int128)T3 - T4);

            // Floor, not truncation: an odd negative sum must not round toward zero (math.md §5, [R39]).
            return (long)(sum >= 0 ? sum / 2 : -((-sum + 1) / 2));
        }
    }

    /// <summary>δ = (T4 − T1) − (T3 − T2) in ns.</summary>
    public long DelayNs => (long)(((Int128)T4 - T1) - ((Int128)T3 - T2));

    /// <summary>True when the timestamps can be a real exchange: the client's and the server's intervals are not
    /// negative and the round trip is at least the server's hold time (δ ≥ 0).</summary>
    public bool IsPlausible => T4 >= T1 && T3 >= T2 && DelayNs >= 0;
}
