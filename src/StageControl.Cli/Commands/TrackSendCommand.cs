using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Rebroadcast;
using StageControl.Tracking.Simulator;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl track send --format freed|osc|opentrackio --to HOST:PORT --path orbit|dolly|handheld --rate HZ
/// --duration D [--jitter MS] [--loss PCT] [--camera-id N] [--seed S] [--json]</c>: the tracking simulator. Samples the
/// path at k/rate seconds, encodes each sample (FreeD D1; an OSC bundle of <c>/camera/N/pose ,ffffff</c> and
/// <c>/camera/N/lens ,fff</c>; OpenTrackIO JSON with sequence numbers, source number = camera id) and sends it by UDP
/// on a drift-free schedule: sample k leaves at start + k·period (+ a uniform random jitter in [0, MS] ms that never
/// accumulates); with <c>--loss</c> each sample is skipped with that probability. Prints a summary at the end
/// (<c>--json</c>: one object). Durations: a number with <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c> (<c>15s</c>,
/// <c>10m</c>); a bare number is seconds. Bad values exit 1, missing or unknown options exit 2.
/// </summary>
internal static class TrackSendCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var format = new Option<string>("--format") { Description = "Wire format: freed, osc or opentrackio.", Required = true };
        format.AcceptOnlyFromAmong("freed", "osc", "opentrackio");
        var to = new Option<string>("--to") { Description = "Destination HOST:PORT (unicast or multicast).", Required = true };
        var path = new Option<string>("--path") { Description = "Camera motion: orbit, dolly or handheld.", DefaultValueFactory = _ => "orbit" };
        path.AcceptOnlyFromAmong("orbit", "dolly", "handheld");
        var rate = new Option<double>("--rate") { Description = "Samples per second.", DefaultValueFactory = _ => 60.0 };
        var duration = new Option<string>("--duration") { Description = "How long to send, e.g. 15s, 10m, 300ms.", DefaultValueFactory = _ => "10s" };
        var jitter = new Option<double>("--jitter") { Description = "Random send-time jitter, 0..MS milliseconds." };
        var loss = new Option<double>("--loss") { Description = "Percentage of samples to drop (0-100)." };
        var cameraId = new Option<int>("--camera-id") { Description = "FreeD camera id / OpenTrackIO source number / OSC camera number.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed for the handheld noise, jitter and loss.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on one line." };

        var send = new Command("send", "Simulate a camera tracker: send FreeD, OSC or OpenTrackIO samples by UDP.");
        foreach (var option in new Option[] { format, to, path, rate, duration, jitter, loss, cameraId, seed, json })
        {
            send.Options.Add(option);
        }

        io.SetAction(send, parse =>
        {
            var settings = new Settings(
                parse.GetValue(format)!,
                TrackCliText.ParseEndPoint(parse.GetValue(to)!, "--to"),
                parse.GetValue(to)!,
                parse.GetValue(path)!,
                parse.GetValue(rate),
                DurationText.Parse(parse.GetValue(duration), "--duration"),
                parse.GetValue(jitter),
                parse.GetValue(loss),
                parse.GetValue(cameraId),
                parse.GetValue(seed));
            Validate(settings);
            var summary = Run(settings);
            if (parse.GetValue(json))
            {
                io.WriteJson(summary);
            }
            else
            {
                io.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"sent {summary["sent"]} samples ({summary["dropped"]} dropped, {summary["datagrams"]} datagrams) to {settings.To} in {summary["elapsedS"]} s: {summary["achievedRateHz"]} Hz achieved of {settings.RateHz} Hz"));
            }

            return ExitCodes.Ok;
        });
        return send;
    }

    private static void Validate(Settings s)
    {
        if (!double.IsFinite(s.RateHz) || s.RateHz <= 0 || s.RateHz > 10_000)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--rate: {s.RateHz} is not a rate in (0, 10000] Hz."));
        }

        if (!double.IsFinite(s.JitterMs) || s.JitterMs < 0)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--jitter: {s.JitterMs} ms must be 0 or more."));
        }

        if (!double.IsFinite(s.LossPercent) || s.LossPercent < 0 || s.LossPercent > 100)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--loss: {s.LossPercent} is not a percentage 0-100."));
        }

        var maxId = s.Format switch { "freed" => 254, "opentrackio" => 200, _ => int.MaxValue };
        if (s.CameraId < 1 || s.CameraId > maxId)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--camera-id: {s.CameraId} is outside 1-{maxId} for {s.Format}."));
        }
    }

    private static JsonObject Run(Settings s)
    {
        CameraPath.TryParseKind(s.Path, out var kind);
        var path = CameraPath.Create(kind, s.Seed);
        var random = new Random(s.Seed);
        var encoder = new OtrkPoseEncoder(s.Format == "opentrackio" ? s.CameraId : 1, (int)Math.Round(s.RateHz));
        var buffer = new byte[Math.Max(PoseEncoding.MaxOscLength, FreeDWriter.D1Length)];
        var total = (long)Math.Ceiling(s.Duration.TotalSeconds * s.RateHz);
        var frequency = (double)Stopwatch.Frequency;
        long sent = 0, dropped = 0, datagrams = 0, last = 0;

        using var publisher = new UdpPosePublisher(s.Destination);
        var start = Stopwatch.GetTimestamp();
        for (long k = 0; k < total; k++)
        {
            // Drift-free: the k-th deadline is computed from the start, never from the previous send.
            var seconds = k / s.RateHz;
            var jitterS = s.JitterMs > 0 ? random.NextDouble() * s.JitterMs / 1000.0 : 0.0;
            WaitUntil(start + (long)((seconds + jitterS) * frequency));
            if (s.LossPercent > 0 && random.NextDouble() * 100.0 < s.LossPercent)
            {
                dropped++;
                continue;
            }

            var pose = PoseEncoding.FromSample(path.Sample(seconds, Stopwatch.GetTimestamp(), s.CameraId));
            switch (s.Format)
            {
                case "freed":
                    if (!PoseEncoding.TryWriteFreeD(pose, (byte)s.CameraId, buffer, out var written))
                    {
                        throw new CliInputException("the simulated pose is outside FreeD's range.");
                    }

                    publisher.Send(buffer.AsSpan(0, written));
                    datagrams++;
                    break;
                case "osc":
                    publisher.Send(buffer.AsSpan(0, PoseEncoding.WriteOsc(pose, s.CameraId, buffer)));
                    datagrams++;
                    break;
                default:
                    foreach (var packet in encoder.Encode(pose))
                    {
                        publisher.Send(packet);
                        datagrams++;
                    }

                    break;
            }

            sent++;
            last = Stopwatch.GetTimestamp();
        }

        var elapsed = Math.Max(Stopwatch.GetTimestamp(), last) - start;
        var elapsedS = elapsed / frequency;

        // Achieved rate: scheduled samples (sent or deliberately dropped) per second over the first-to-last span.
        var ticks = sent + dropped;
        var span = (last - start) / frequency;
        var achieved = ticks > 1 && span > 0 ? (ticks - 1) / span : 0.0;
        return new JsonObject
        {
            ["format"] = s.Format,
            ["path"] = s.Path,
            ["to"] = s.To,
            ["rateHz"] = s.RateHz,
            ["durationS"] = s.Duration.TotalSeconds,
            ["sent"] = sent,
            ["dropped"] = dropped,
            ["datagrams"] = datagrams,
            ["elapsedS"] = Math.Round(elapsedS, 6),
            ["achievedRateHz"] = Math.Round(achieved, 3),
        };
    }

    private static void WaitUntil(long deadline)
    {
        while (true)
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            // Sleep while more than 2 ms remain, then spin the rest for sub-millisecond accuracy.
            var remainingMs = remaining * 1000.0 / Stopwatch.Frequency;
            if (remainingMs > 2)
            {
                Thread.Sleep((int)(remainingMs - 1.5));
            }
            else
            {
                Thread.SpinWait(50);
            }
        }
    }

    private sealed record Settings(
        string Format,
        IPEndPoint Destination,
        string To,
        string Path,
        double RateHz,
        TimeSpan Duration,
        double JitterMs,
        double LossPercent,
        int CameraId,
        int Seed);
}
