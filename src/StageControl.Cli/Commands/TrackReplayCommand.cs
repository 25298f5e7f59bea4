using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Tracking.Capture;
using StageControl.Tracking.Rebroadcast;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl track replay --file FILE --to HOST:PORT [--speed X] [--json]</c>: reads a capture with
/// <see cref="CaptureReader"/> and sends each payload by UDP at start + offset / speed on a drift-free schedule (every
/// deadline is computed from the start, never from the previous send; sleep, then spin the last 2 ms, like
/// <c>track send</c>). A damaged capture exits 1 naming the byte offset of the damage; nothing is sent then. Ctrl-C
/// stops early and still prints the summary.
/// </summary>
internal static class TrackReplayCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var file = new Option<string>("--file") { Description = "Capture file written by 'track record'.", Required = true };
        var to = new Option<string>("--to") { Description = "Destination HOST:PORT.", Required = true };
        var speed = new Option<double>("--speed") { Description = "Playback speed factor (2 = twice as fast).", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on one line." };

        var replay = new Command("replay", "Replay a capture file to a UDP destination with its recorded timing.");
        foreach (var option in new Option[] { file, to, speed, json })
        {
            replay.Options.Add(option);
        }

        io.SetAction(replay, parse =>
        {
            var path = parse.GetValue(file)!;
            var speedFactor = parse.GetValue(speed);
            if (!double.IsFinite(speedFactor) || speedFactor <= 0 || speedFactor > 1000)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--speed: {speedFactor} is not a factor in (0, 1000]."));
            }

            var destination = TrackCliText.ParseEndPoint(parse.GetValue(to)!, "--to");
            var data = File.ReadAllBytes(path);
            var error = CaptureReader.TryRead(data, out _, out _, out var records, out var errorOffset, out var message);
            if (error != CaptureError.None)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: {error} capture at byte offset {errorOffset}: {message}."));
            }

            using var scope = new CancelScope(null);
            using var publisher = new UdpPosePublisher(destination);
            long sent = 0, bytes = 0;
            var frequency = (double)Stopwatch.Frequency;
            var start = Stopwatch.GetTimestamp();
            foreach (var record in records)
            {
                if (scope.Token.IsCancellationRequested)
                {
                    break;
                }

                WaitUntil(start + (long)(record.OffsetNanoseconds / 1e9 / speedFactor * frequency), scope.Token);
                publisher.Send(record.Payload);
                sent++;
                bytes += record.Payload.Length;
            }

            var elapsedS = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var spanS = records.Count == 0 ? 0.0 : records[^1].OffsetNanoseconds / 1e9;
            if (parse.GetValue(json))
            {
                io.WriteJson(new JsonObject
                {
                    ["file"] = path,
                    ["to"] = parse.GetValue(to),
                    ["records"] = records.Count,
                    ["sent"] = sent,
                    ["bytes"] = bytes,
                    ["speed"] = speedFactor,
                    ["captureS"] = Math.Round(spanS, 6),
                    ["elapsedS"] = Math.Round(elapsedS, 6),
                });
            }
            else
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replayed {sent} of {records.Count} datagrams ({bytes} bytes) to {destination} in {elapsedS:F3} s (capture {spanS:F3} s at speed {speedFactor})"));
            }

            return ExitCodes.Ok;
        });
        return replay;
    }

    private static void WaitUntil(long deadline, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
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
                Thread.Sleep((int)Math.Min(remainingMs - 1.5, 200));
            }
            else
            {
                Thread.SpinWait(50);
            }
        }
    }
}
