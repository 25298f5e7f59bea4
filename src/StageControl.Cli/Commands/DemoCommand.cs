using System.CommandLine;
using StageControl.Cli.Internal;
using StageControl.Core.Stage;
using StageControl.Core.Timing;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl demo [--config configs/demo-volume.json] [--duration 30s] [--out DIR] [--http HOST:PORT] [--rate NUM/DEN]
/// [--json]</c> (shared/DESIGN.md "Contracts"): the embedded default. On 127.0.0.1 it starts the coordinator in-process,
/// one <c>stagectl node</c> child process per configured node (writing <c>DIR/&lt;node&gt;/&lt;wall&gt;/&lt;panel&gt;.png</c>
/// every second) and a simulated FreeD tracker, shows one progress line a second, and at the end of the duration or
/// on Ctrl-C / SIGTERM stops everything, writes <c>DIR/overview.png</c> and prints a summary counted from the moment
/// every node was live. With <c>--json</c> the progress goes to stderr and stdout holds one line,
/// <c>{"framesPresented","framesMissed","nodes","panels","trackingSamples","latencyP99Us","barrierSkewP99Us"}</c>.
/// Without <c>--config</c> it uses <c>configs/demo-volume.json</c> under the current directory when there is one, else
/// the copy embedded in stagectl. <see cref="DemoSession"/> documents the run.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The config used when <c>--config</c> is not given.</summary>
    public const string DefaultConfigPath = "configs/demo-volume.json";

    /// <summary>The HTTP (dashboard) endpoint used when <c>--http</c> is not given.</summary>
    public const string DefaultHttp = "127.0.0.1:8080";

    private const string EmbeddedConfigName = "StageControl.Cli.demo-volume.json";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var config = new Option<string?>("--config") { Description = $"Stage config (default: {DefaultConfigPath} under the current directory, else the copy embedded in stagectl)." };
        var duration = new Option<string>("--duration") { Description = "How long to run, e.g. 15s, 10m (Ctrl-C stops earlier).", DefaultValueFactory = _ => "30s" };
        var outDir = new Option<string?>("--out") { Description = "Folder for the nodes' panel PNGs, their logs and overview.png (default: a new ./demo-out folder)." };
        var http = new Option<string?>("--http") { Description = $"HTTP endpoint HOST:PORT of the dashboard and /api/status (default {DefaultHttp}, or a free port when that is taken)." };
        var rate = new Option<string?>("--rate") { Description = "Frame rate NUM/DEN (default: the config's on a GPU; on a software renderer such as llvmpipe 2/1 with 4+ cores, else 1/1)." };
        var json = new Option<bool>("--json") { Description = "Progress on stderr; stdout is one JSON summary line." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Keep calibration and operator controls in this folder across runs (default: none; the demo starts from defaults)." };
        var command = new Command("demo", "Run the demo stage on 127.0.0.1: coordinator, one render-node process per node, simulated tracker, dashboard; writes frames and overview.png.");
        foreach (var option in new Option[] { config, duration, outDir, http, rate, json, stateDir })
        {
            command.Options.Add(option);
        }

        io.SetAction(command, parse =>
        {
            var length = DurationText.Parse(parse.GetValue(duration), "--duration");
            var httpText = parse.GetValue(http);
            var httpEndPoint = RpcCliText.ParseListen(httpText ?? DefaultHttp, "--http");
            FrameRate? frameRate = null;
            if (parse.GetValue(rate) is { } rateText)
            {
                if (!FrameRate.TryParse(rateText, out var parsed, out var why))
                {
                    throw new CliInputException($"--rate: {why}");
                }

                frameRate = parsed;
            }

            var (stage, source) = LoadConfig(io, parse.GetValue(config));
            var dir = parse.GetValue(outDir) is { } given ? Path.GetFullPath(given) : NewOutDirectory();
            var settings = new DemoSettings(stage, source, length, dir, httpEndPoint, httpText is null, frameRate, parse.GetValue(json), parse.GetValue(stateDir));
            return new DemoSession(io, settings).Run();
        });
        return command;
    }

    /// <summary>The stage: <paramref name="path"/>, else the default file, else the embedded copy.</summary>
    internal static (StageConfig Config, string Source) LoadConfig(CliIo io, string? path)
    {
        if (path is null && File.Exists(DefaultConfigPath))
        {
            path = DefaultConfigPath;
        }

        StageConfigResult result;
        string source;
        if (path is null)
        {
            source = "embedded " + DefaultConfigPath;
            result = StageConfigLoader.Parse(EmbeddedConfigText()
                ?? throw new CliInputException($"--config: no {DefaultConfigPath} here and none embedded in this build; pass --config FILE"));
        }
        else
        {
            source = path;
            result = StageConfigLoader.LoadFile(path);
        }

        if (!result.IsValid)
        {
            StageReport.WriteProblems(io, source, result.Problems);
            throw new CliInputException($"--config: {source} is not a valid stage config (problems above)");
        }

        return (result.Config!, source);
    }

    /// <summary>The text of the config embedded in stagectl (configs/demo-volume.json at build time); null when absent.</summary>
    internal static string? EmbeddedConfigText()
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream(EmbeddedConfigName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary><c>./demo-out</c>, or <c>./demo-out-2</c>, <c>-3</c>… when it exists.</summary>
    private static string NewOutDirectory()
    {
        var baseName = Path.GetFullPath("demo-out");
        var candidate = baseName;
        for (var n = 2; Directory.Exists(candidate) || File.Exists(candidate); n++)
        {
            candidate = FormattableString.Invariant($"{baseName}-{n}");
        }

        return candidate;
    }
}
