namespace StageControl.Coordinator.Simulation;

/// <summary>What <see cref="LinkEmulator"/> does to each direction of a path.</summary>
/// <param name="Delay">One-way delay.</param>
/// <param name="Jitter">Each chunk's delay is Delay + uniform(−Jitter, +Jitter) (order kept).</param>
/// <param name="LossPercent">Chance, in percent, that a chunk is "lost": it then arrives one fast retransmission later
/// (<see cref="LinkEmulator.LossPenalty"/>), holding up everything behind it, as TCP would.</param>
public sealed record LinkConditions(TimeSpan Delay, TimeSpan Jitter, double LossPercent)
{
    /// <summary>No impairment.</summary>
    public static LinkConditions None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, 0);
}
