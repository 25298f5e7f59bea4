using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Spectre.Console;
using StageControl.Cli.Internal;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Ingest;
using StageControl.Tracking.Mapping;
using StageControl.Tracking.Rebroadcast;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl track listen --format freed|osc|opentrackio --port P [--bind ADDR] [--multicast GROUP] [--vendor ID] [--osc-map PRESET]
/// [--allow CIDR,...] [--duration D] [--json] [--rebroadcast-otrk HOST:PORT] [--rebroadcast-freed HOST:PORT]</c>: runs
/// <see cref="TrackingIngest"/> on a real UDP socket and shows what arrives.
/// <list type="bullet">
/// <item>Without <c>--json</c>: a Spectre live table refreshed about 4 times a second — the latest sample per camera
/// (position in metres, stage space +Y up; pan/tilt/roll in degrees, FreeD conventions; focal length; age) and the
/// per-source statistics (rate, jitter, loss, last seen, rejects by reason).</item>
/// <item>With <c>--json</c>: one <c>{"type":"stats",...,"cameras":[...],"sources":[...]}</c> line per second (and one
/// for the last partial second), then a <c>{"type":"summary",...}</c> line.</item>
/// </list>
/// Ends at <c>--duration</c> or on Ctrl-C (exit 0). With <c>--rebroadcast-*</c> every new sample is re-published
/// through a <see cref="TrackRebroadcaster"/> (latest pose, no interpolation) as OpenTrackIO and/or FreeD D1: a
/// tracking hub an engine's Live Link can listen to.
/// </summary>
internal static class TrackListenCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var format = new Option<string>("--format") { Description = "Wire format: freed, osc or opentrackio.", Required = true };
        format.AcceptOnlyFromAmong(TrackCliText.FormatNames);
        var port = new Option<int>("--port") { Description = "UDP port to receive on.", Required = true };
        var bind = new Option<string>("--bind") { Description = "Local address to bind (default 0.0.0.0).", DefaultValueFactory = _ => "0.0.0.0" };
        var multicast = new Option<string>("--multicast") { Description = "Multicast group to join, e.g. 239.135.1.1." };
        var vendor = new Option<string?>("--vendor")
        {
            Description = "FreeD vendor profile (hardware/trackers/freed-vendors.json) whose zoom/focus encoding to read: "
                + "generic, mo-sys, stype, ncam, panasonic, sony, zcam, vizrt.",
        };
        var oscMap = new Option<string>("--osc-map") { Description = "OSC address map preset: default, vrchat, vmt or rttrpm.", DefaultValueFactory = _ => "default" };
        var allow = new Option<string>("--allow") { Description = "Comma-separated CIDRs or addresses allowed to send (default: any)." };
        var duration = new Option<string>("--duration") { Description = "How long to listen, e.g. 15s, 10m (default: until Ctrl-C)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per second, then a summary." };
        var otrk = new Option<string>("--rebroadcast-otrk") { Description = "Re-publish every pose as OpenTrackIO to HOST:PORT." };
        var freeD = new Option<string>("--rebroadcast-freed") { Description = "Re-publish every pose as FreeD D1 to HOST:PORT." };

        var listen = new Command("listen", "Receive tracking over UDP and show the latest pose per camera and per-source statistics.");
        foreach (var option in new Option[] { format, port, bind, multicast, vendor, oscMap, allow, duration, json, otrk, freeD })
        {
            listen.Options.Add(option);
        }

        io.SetAction(listen, parse =>
        {
            var formatName = parse.GetValue(format)!;
            var local = new IPEndPoint(TrackCliText.ParseAddress(parse.GetValue(bind)!, "--bind"), TrackCliText.CheckPort(parse.GetValue(port), "--port"));
            var group = parse.GetValue(multicast) is { } g ? TrackCliText.ParseAddress(g, "--multicast") : null;
            if (group is not null && !IsMulticast(group))
            {
                throw new CliInputException($"--multicast: {group} is not a multicast group address.");
            }

            if (!OscAddressMap.TryGetPreset(parse.GetValue(oscMap)!, out var map))
            {
                throw new CliInputException($"--osc-map: '{parse.GetValue(oscMap)}' is not one of {string.Join(", ", OscAddressMap.PresetNames)}.");
            }

            var allowlist = IpAllowlist.Any;
            if (parse.GetValue(allow) is { } allowText
                && !IpAllowlist.TryParse(allowText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out allowlist, out var bad))
            {
                throw new CliInputException($"--allow: '{bad}' is not a CIDR (10.0.0.0/8) or an IP address.");
            }

            var durationText = parse.GetValue(duration);
            TimeSpan? limit = durationText is null ? null : DurationText.Parse(durationText, "--duration");
            var otrkTo = parse.GetValue(otrk) is { } o ? TrackCliText.ParseEndPoint(o, "--rebroadcast-otrk") : null;
            var freeDTo = parse.GetValue(freeD) is { } f ? TrackCliText.ParseEndPoint(f, "--rebroadcast-freed") : null;

            FreeDVendorProfile? freeDVendor = null;
            if (parse.GetValue(vendor) is { } vendorId && !FreeDVendorProfile.TryGet(vendorId, out freeDVendor))
            {
                throw new CliInputException($"--vendor: '{vendorId}' is not a FreeD vendor profile (hardware/trackers/freed-vendors.json).");
            }

            var options = new TrackingIngestOptions
            {
                Format = TrackCliText.ParseFormat(formatName),
                OscMap = map,
                Allowlist = allowlist,
                FreeDVendor = freeDVendor,
            };
            UdpDatagramSource source;
            try
            {
                source = new UdpDatagramSource(local, group);
            }
            catch (SocketException e)
            {
                throw new CliInputException($"--port: cannot bind {local}: {e.Message}");
            }

            using (source)
            using (var rebroadcaster = new TrackRebroadcaster(otrkTo is null ? null : new UdpPosePublisher(otrkTo), freeDTo is null ? null : new UdpPosePublisher(freeDTo)))
            using (var scope = new CancelScope(limit))
            {
                var latest = new LatestSampleSlots();
                if (otrkTo is not null || freeDTo is not null)
                {
                    latest.Observer = rebroadcaster;
                }

                var ingest = new TrackingIngest(source, options, latest);
                var start = Stopwatch.GetTimestamp();
                var running = ingest.RunAsync(scope.Token);
                if (parse.GetValue(json))
                {
                    RunJson(io, ingest, start, scope.Token);
                }
                else
                {
                    RunTable(io, ingest, local, formatName, scope.Token);
                }

                running.GetAwaiter().GetResult();
                var summary = Summary(ingest, start);
                summary["format"] = formatName;
                summary["port"] = local.Port;
                summary["rebroadcastOtrk"] = rebroadcaster.OtrkSent;
                summary["rebroadcastFreed"] = rebroadcaster.FreeDSent;
                summary["rebroadcastSkipped"] = rebroadcaster.Skipped;
                if (parse.GetValue(json))
                {
                    io.WriteJson(summary);
                }
                else
                {
                    io.Out.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"listened {summary["elapsedS"]} s on {local}: {ingest.Datagrams} datagrams, {ingest.Samples} samples, {summary["cameras"]} cameras, {summary["sources"]} sources; re-broadcast {rebroadcaster.OtrkSent} OpenTrackIO, {rebroadcaster.FreeDSent} FreeD"));
                }
            }

            return ExitCodes.Ok;
        });
        return listen;
    }

    private static bool IsMulticast(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? (address.GetAddressBytes()[0] & 0xF0) == 0xE0
        : address.IsIPv6Multicast;

    private static void RunJson(CliIo io, TrackingIngest ingest, long start, CancellationToken token)
    {
        var next = TimeSpan.FromSeconds(1);
        while (true)
        {
            var wait = next - Stopwatch.GetElapsedTime(start);
            var cancelled = token.WaitHandle.WaitOne(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);

            // One line per second; the last partial second is reported too, so a short run still shows its stats.
            io.WriteJson(Stats(ingest, start));
            if (cancelled)
            {
                return;
            }

            next += TimeSpan.FromSeconds(1);
        }
    }

    private static void RunTable(CliIo io, TrackingIngest ingest, IPEndPoint local, string format, CancellationToken token)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) });
        var cameras = new Table { Title = new TableTitle($"{format} on {local} — cameras") };
        cameras.AddColumns("Camera", "X m", "Y m", "Z m", "Pan°", "Tilt°", "Roll°", "Focal mm", "Age ms", "Source");
        var sources = new Table { Title = new TableTitle("sources") };
        sources.AddColumns("Source", "Packets", "Rate Hz", "Jitter µs", "Lost", "Late", "Last seen ms", "Rejects");
        console.Live(new Rows(cameras, sources)).AutoClear(false).Start(context =>
        {
            while (true)
            {
                var cancelled = token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250));
                Fill(cameras, sources, ingest);
                context.Refresh();
                if (cancelled)
                {
                    return;
                }
            }
        });
    }

    private static void Fill(Table cameras, Table sources, TrackingIngest ingest)
    {
        var stats = ingest.SourceStats();
        cameras.Rows.Clear();
        foreach (var camera in Cameras(ingest, stats).OfType<JsonObject>())
        {
            cameras.AddRow(
                Text(camera["cameraId"]),
                Text(camera["xM"]),
                Text(camera["yM"]),
                Text(camera["zM"]),
                Text(camera["panDeg"]),
                Text(camera["tiltDeg"]),
                Text(camera["rollDeg"]),
                Text(camera["focalLengthMm"]),
                Text(camera["ageMs"]),
                Text(camera["source"]));
        }

        sources.Rows.Clear();
        foreach (var source in Sources(stats).OfType<JsonObject>())
        {
            sources.AddRow(
                Text(source["endPoint"]),
                Text(source["packets"]),
                Text(source["rateHz"]),
                Text(source["jitterUs"]),
                Text(source["lost"]),
                Text(source["late"]),
                Text(source["lastSeenMs"]),
                Text(source["rejects"]));
        }
    }

    private static string Text(JsonNode? node) => Markup.Escape(node switch
    {
        null => "-",
        JsonObject o when o.Count == 0 => "0",
        JsonObject o => string.Join(' ', o.Select(p => $"{p.Key}={p.Value}")),
        _ => node.ToJsonString().Trim('"'),
    });

    private static JsonObject Stats(TrackingIngest ingest, long start)
    {
        var stats = ingest.SourceStats();
        return new JsonObject
        {
            ["type"] = "stats",
            ["elapsedS"] = Math.Round(Stopwatch.GetElapsedTime(start).TotalSeconds, 3),
            ["datagrams"] = ingest.Datagrams,
            ["samples"] = ingest.Samples,
            ["cameras"] = Cameras(ingest, stats),
            ["sources"] = Sources(stats),
        };
    }

    private static JsonObject Summary(TrackingIngest ingest, long start)
    {
        var rejects = new JsonObject();
        foreach (var reason in Enum.GetValues<IngestRejectReason>())
        {
            var count = ingest.Rejects(reason);
            if (reason != IngestRejectReason.None && count > 0)
            {
                rejects[CamelCase(reason)] = count;
            }
        }

        return new JsonObject
        {
            ["type"] = "summary",
            ["elapsedS"] = Math.Round(Stopwatch.GetElapsedTime(start).TotalSeconds, 3),
            ["datagrams"] = ingest.Datagrams,
            ["samples"] = ingest.Samples,
            ["cameras"] = ingest.Latest.Count,
            ["sources"] = ingest.SourceStats().Count,
            ["rejects"] = rejects,
        };
    }

    private static JsonArray Cameras(TrackingIngest ingest, IReadOnlyList<SourceStatsSnapshot> stats)
    {
        var now = Stopwatch.GetTimestamp();
        var cameras = new JsonArray();
        foreach (var (sample, sourceIndex, _) in ingest.Latest.Snapshot())
        {
            var (pan, tilt, roll) = PanTiltRoll.FromOrientation(sample.Orientation);
            cameras.Add(new JsonObject
            {
                ["cameraId"] = sample.CameraId,
                ["xM"] = Math.Round(sample.Position.X, 6),
                ["yM"] = Math.Round(sample.Position.Y, 6),
                ["zM"] = Math.Round(sample.Position.Z, 6),
                ["panDeg"] = Math.Round(pan, 4),
                ["tiltDeg"] = Math.Round(tilt, 4),
                ["rollDeg"] = Math.Round(roll, 4),
                ["focalLengthMm"] = double.IsFinite(sample.FocalLengthMm) ? Math.Round(sample.FocalLengthMm, 3) : null,
                ["zoomRaw"] = sample.ZoomRaw,
                ["focusRaw"] = sample.FocusRaw,
                ["sequence"] = sample.Sequence,
                ["ageMs"] = Math.Round((now - sample.ArrivalTimestamp) * 1000.0 / Stopwatch.Frequency, 1),
                ["source"] = sourceIndex >= 0 && sourceIndex < stats.Count ? stats[sourceIndex].EndPoint.ToString() : null,
            });
        }

        return cameras;
    }

    private static JsonArray Sources(IReadOnlyList<SourceStatsSnapshot> stats)
    {
        var sources = new JsonArray();
        foreach (var s in stats)
        {
            var rejects = new JsonObject();
            foreach (var (reason, count) in s.Rejects)
            {
                if (count > 0)
                {
                    rejects[CamelCase(reason)] = count;
                }
            }

            sources.Add(new JsonObject
            {
                ["endPoint"] = s.EndPoint.ToString(),
                ["packets"] = s.Packets,
                ["samples"] = s.Samples,
                ["rateHz"] = Math.Round(s.PacketsPerSecond, 2),
                ["jitterUs"] = Math.Round(s.JitterUs, 1),
                ["lost"] = s.Lost,
                ["late"] = s.Late,
                ["lastSeenMs"] = Math.Round(s.SinceLastSeen.TotalMilliseconds, 1),
                ["rejects"] = rejects,
            });
        }

        return sources;
    }

    private static string CamelCase(IngestRejectReason reason)
    {
        var name = reason.ToString();
        return string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1));
    }
}
