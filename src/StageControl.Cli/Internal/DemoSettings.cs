using System.Net;
using StageControl.Core.Stage;
using StageControl.Core.Timing;

namespace StageControl.Cli.Internal;

/// <summary>What <c>stagectl demo</c> was asked to do.</summary>
/// <param name="Config">The stage.</param>
/// <param name="ConfigSource">Where the stage came from (a path, or "embedded …").</param>
/// <param name="Duration">How long to run.</param>
/// <param name="OutDirectory">Absolute output folder.</param>
/// <param name="Http">The dashboard endpoint.</param>
/// <param name="HttpIsDefault">True when <c>--http</c> was not given (a taken default port falls back to a free one).</param>
/// <param name="Rate">The <c>--rate</c> override, if any.</param>
/// <param name="Json">True for <c>--json</c>.</param>
/// <param name="StateDirectory">Where the coordinator keeps calibration and operator controls; null (the default) keeps
/// nothing: the demo starts from defaults every time.</param>
internal sealed record DemoSettings(
    StageConfig Config,
    string ConfigSource,
    TimeSpan Duration,
    string OutDirectory,
    IPEndPoint Http,
    bool HttpIsDefault,
    FrameRate? Rate,
    bool Json,
    string? StateDirectory = null);
