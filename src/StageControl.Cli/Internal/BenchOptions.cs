using System.CommandLine;
using StageControl.Core.Timing;

namespace StageControl.Cli.Internal;

/// <summary>The options shared by <c>bench latency</c> and <c>bench barrier</c>: --nodes, --rate, --duration, --json.</summary>
internal sealed class BenchOptions
{
    /// <summary>The most nodes a bench stage may have.</summary>
    public const int MaxNodes = 256;

    /// <summary>Render nodes.</summary>
    public Option<int> Nodes { get; } = new("--nodes") { Description = "Render nodes (simulated, each its own HTTP/2 connection).", DefaultValueFactory = _ => 16 };

    /// <summary>Frame rate.</summary>
    public Option<string> Rate { get; } = new("--rate") { Description = "Frame rate in fps (or NUM/DEN); tracking is sent at the same rate.", DefaultValueFactory = _ => "120" };

    /// <summary>Measured duration.</summary>
    public Option<string> Duration { get; } = new("--duration") { Description = "How long to measure, after a 0.5 s warm-up (e.g. 10s).", DefaultValueFactory = _ => "10s" };

    /// <summary>JSON output.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object on one line." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Nodes);
        command.Options.Add(Rate);
        command.Options.Add(Duration);
        command.Options.Add(Json);
    }

    /// <summary>Reads and checks the options; a bad value is a usage error (exit 2) naming the option.</summary>
    public (int Nodes, FrameRate Rate, TimeSpan Duration) Read(ParseResult parse)
    {
        var nodes = parse.GetValue(Nodes);
        if (nodes is < 1 or > MaxNodes)
        {
            throw new CliUsageException(FormattableString.Invariant($"--nodes must be 1 to {MaxNodes}, not {nodes}."));
        }

        var text = parse.GetValue(Rate);
        if (!FrameRate.TryParse(text, out var rate, out var why))
        {
            throw new CliUsageException("--rate: " + why + ".");
        }

        if (rate.FramesPerSecond is < 1 or > 1000)
        {
            throw new CliUsageException(FormattableString.Invariant($"--rate must be 1 to 1000 fps, not {text}."));
        }

        var duration = DurationText.Parse(parse.GetValue(Duration), "--duration");
        return (nodes, rate, duration);
    }
}
