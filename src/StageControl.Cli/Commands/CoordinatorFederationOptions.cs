using System.CommandLine;
using System.Globalization;
using StageControl.Cli.Internal;
using StageControl.Coordinator;
using StageControl.Coordinator.Simulation;

namespace StageControl.Cli.Commands;

/// <summary>
/// The remote-stage options of <c>stagectl coordinator</c> (shared/DESIGN.md "Remote stages"):
/// <c>--site NAME</c> (this site's name, shown to others as the prefix of its cameras), <c>--join URL</c> (link to the
/// primary at URL: this coordinator becomes a secondary and adopts the primary's epoch and rate), <c>--token T</c> (sent
/// on the link as <c>authorization: Bearer T</c>), <c>--remote-delay-min F</c> / <c>--remote-delay-max F</c> (bounds
/// of D in frames), and the test aid <c>--clock-offset ±DURATION</c> (pretend this machine's clock is off by that much;
/// hidden).
/// </summary>
internal sealed class CoordinatorFederationOptions
{
    private readonly Option<string> _site = new("--site") { Description = "This site's name in a shared stage (letters, digits, '.', '_', '-').", DefaultValueFactory = _ => "local" };
    private readonly Option<string?> _join = new("--join") { Description = "Link to the primary coordinator at this gRPC URL (this site becomes a secondary)." };
    private readonly Option<string?> _token = new("--token") { Description = "Token for the link, sent as 'authorization: Bearer T'." };
    private readonly Option<int> _delayMin = new("--remote-delay-min") { Description = "Smallest presentation delay D of remote state, frames.", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _delayMax = new("--remote-delay-max") { Description = "Largest presentation delay D of remote state, frames.", DefaultValueFactory = _ => 16 };
    private readonly Option<string?> _clockOffset = new("--clock-offset") { Description = "Test aid: shift this coordinator's wall clock (e.g. 137ms, -250ms).", Hidden = true };

    private CoordinatorFederationOptions()
    {
    }

    /// <summary>The options.</summary>
    public static CoordinatorFederationOptions Create() => new();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_site);
        command.Options.Add(_join);
        command.Options.Add(_token);
        command.Options.Add(_delayMin);
        command.Options.Add(_delayMax);
        command.Options.Add(_clockOffset);
    }

    /// <summary>The federation settings; bad values exit 1 naming the option.</summary>
    public FederationOptions Parse(ParseResult parse)
    {
        var min = parse.GetValue(_delayMin);
        var max = parse.GetValue(_delayMax);
        if (min < 0 || max < min)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--remote-delay-min {min} / --remote-delay-max {max}: need 0 ≤ min ≤ max frames."));
        }

        Uri? join = null;
        if (parse.GetValue(_join) is { } text)
        {
            join = RpcCliText.ParseCoordinator(text, "--join");
        }

        return new FederationOptions
        {
            Site = parse.GetValue(_site)!,
            Join = join,
            Token = parse.GetValue(_token),
            RemoteDelayMinFrames = min,
            RemoteDelayMaxFrames = max,
        };
    }

    /// <summary>The system clock, shifted when <c>--clock-offset</c> is given.</summary>
    public TimeProvider ParseClock(ParseResult parse)
    {
        if (parse.GetValue(_clockOffset) is not { } text)
        {
            return TimeProvider.System;
        }

        var negative = text.StartsWith('-');
        var offset = DurationText.Parse(negative ? text[1..] : text.TrimStart('+'), "--clock-offset");
        return new ShiftedTimeProvider(negative ? -offset : offset);
    }
}
