namespace StageControl.Coordinator;

/// <summary>
/// Remote stages (shared/DESIGN.md "Remote stages"): this site's name and, for a secondary, the primary it links to.
/// Every coordinator accepts links (it becomes the primary when one arrives) unless it is itself a secondary.
/// </summary>
public sealed class FederationOptions
{
    /// <summary>This site's name ("london"); remote cameras are listed as "site/camera" elsewhere. Letters, digits,
    /// '.', '_' and '-', 1-64 characters. Default "local".</summary>
    public string Site { get; init; } = "local";

    /// <summary>The primary's gRPC URL; set → this coordinator is a secondary and links to it.</summary>
    public Uri? Join { get; init; }

    /// <summary>The link token, sent as <c>authorization: Bearer T</c> on the link call (verified by the primary's
    /// authoriser, role <c>peer</c>).</summary>
    public string? Token { get; init; }

    /// <summary>Bounds of D, the presentation delay of remote state in frames (default 1..16).</summary>
    public int RemoteDelayMinFrames { get; init; } = 1;

    /// <inheritdoc cref="RemoteDelayMinFrames"/>
    public int RemoteDelayMaxFrames { get; init; } = 16;

    /// <summary>Clock exchange interval (default 20 ms: 50 Hz). The offset's error with ±5 ms jitter is statistical (the
    /// weighted mean of <see cref="StageControl.Core.ClockSync.OffsetAverager"/>), so it falls with the number of
    /// exchanges: in a simulation of 30/60 ms ± 5 ms links with 0.1-0.3 ms stamping noise, 11 s after the link came up,
    /// p99 |error| was 229-287 µs at 20 Hz and 148-189 µs at 50 Hz. A ping is about 40 bytes each way.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Largest epoch slew, per second (default 2 ms/s: a frame lengthens or shortens by at most 0.2 %).</summary>
    public TimeSpan MaxSlewPerSecond { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Silence after which a link counts as lost (default 1 s; the primary waits 3×).</summary>
    public TimeSpan LinkTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>TCP connect timeout of one link attempt (default 300 ms); attempts follow each other after
    /// <see cref="RetryDelay"/>, so a path that comes back is found within about the sum.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Pause between link attempts (default 50 ms).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Window of the offset average (default 30 s).</summary>
    public TimeSpan OffsetWindow { get; init; } = TimeSpan.FromSeconds(30);
}
