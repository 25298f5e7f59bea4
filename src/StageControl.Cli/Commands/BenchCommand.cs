using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Tracking;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Ingest;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl bench ingest --rate R --duration D [--json]</c>: R FreeD datagrams per second over 127.0.0.1 for D
/// through the real ingest (UDP → Pipe → decoder → latest-wins slot) →
/// <c>{"sent","received","lossPct","p99ArrivalToSampleUs","baselineP99Us"}</c>. Latency is measured send → sample
/// stored (the packet index rides in the FreeD zoom count, the send time is kept by index); the baseline is a raw
/// loopback UDP socket, send → receive returned, measured in the same run with the same rate and duration.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var bench = new Command("bench", "Measurements on loopback: ingest, tracking → node latency, frame barrier; headless render frame rates.");
        var rate = new Option<int>("--rate") { Description = "Datagrams per second.", DefaultValueFactory = _ => 10000 };
        var duration = new Option<string>("--duration") { Description = "How long to send (e.g. 10s).", DefaultValueFactory = _ => "10s" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on one line." };
        var ingest = new Command("ingest", "FreeD over 127.0.0.1 through the tracking ingest, against raw UDP.");
        ingest.Options.Add(rate);
        ingest.Options.Add(duration);
        ingest.Options.Add(json);
        io.SetAction(ingest, parse =>
        {
            var r = parse.GetValue(rate);
            if (r <= 0)
            {
                throw new CliUsageException("--rate must be a positive number of datagrams per second.");
            }

            var d = DurationText.Parse(parse.GetValue(duration)!, "--duration");
            var baseline = RunRaw(r, d);
            var (sent, received, p99) = RunIngest(r, d);
            var result = new JsonObject
            {
                ["sent"] = sent,
                ["received"] = received,
                ["lossPct"] = sent == 0 ? 0 : Math.Round(100.0 * (sent - received) / sent, 3),
                ["p99ArrivalToSampleUs"] = Math.Round(p99, 1),
                ["baselineP99Us"] = Math.Round(baseline, 1),
            };
            if (parse.GetValue(json))
            {
                io.WriteJson(result);
            }
            else
            {
                io.Out.WriteLine(FormattableString.Invariant($"sent {sent}, received {received}, loss {result["lossPct"]} %, p99 send→sample {p99:F1} µs, raw UDP p99 {baseline:F1} µs"));
            }

            return ExitCodes.Ok;
        });
        bench.Subcommands.Add(ingest);
        bench.Subcommands.Add(BenchRenderCommand.Create(io));
        bench.Subcommands.Add(BenchLatencyCommand.Create(io));
        bench.Subcommands.Add(BenchBarrierCommand.Create(io));
        bench.Subcommands.Add(BenchFederationCommand.Create(io));
        bench.Subcommands.Add(BenchCpuCommand.Create(io));
        return bench;
    }

    private static double P99(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        return values[(int)Math.Min(values.Count - 1, Math.Ceiling(values.Count * 0.99) - 1)];
    }

    private static double RunRaw(int rate, TimeSpan duration)
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = receiver.LocalEndPoint!;
        var sentAt = new long[(int)Math.Min(int.MaxValue - 1, (rate * duration.TotalSeconds) + 1)];
        var latencies = new List<double>(sentAt.Length);
        var done = false;
        var reader = new Thread(() =>
        {
            var buffer = new byte[64];
            receiver.ReceiveTimeout = 200;
            while (true)
            {
                try
                {
                    var n = receiver.Receive(buffer);
                    var now = Stopwatch.GetTimestamp();
                    var index = BitConverter.ToInt32(buffer, 0);
                    latencies.Add((now - sentAt[index]) * 1e6 / Stopwatch.Frequency);
                }
                catch (SocketException) when (Volatile.Read(ref done))
                {
                    return;
                }
                catch (SocketException)
                {
                }
            }
        }) { IsBackground = true };
        reader.Start();
        var packet = new byte[29];
        BenchPace.Run(rate, duration, sentAt, i =>
        {
            BitConverter.TryWriteBytes(packet, i);
            sender.SendTo(packet, target);
        });
        Thread.Sleep(300);
        Volatile.Write(ref done, true);
        reader.Join();
        return P99(latencies);
    }

    private static (int Sent, long Received, double P99Us) RunIngest(int rate, TimeSpan duration)
    {
        using var source = new UdpDatagramSource(new IPEndPoint(IPAddress.Loopback, 0));
        var sentAt = new long[(int)Math.Min(int.MaxValue - 1, (rate * duration.TotalSeconds) + 1)];
        var observer = new LatencyObserver(sentAt);
        var slots = new LatestSampleSlots { Observer = observer };
        var ingest = new TrackingIngest(source, new TrackingIngestOptions { Format = TrackingFormat.FreeD }, slots);
        using var cts = new CancellationTokenSource();
        var running = ingest.RunAsync(cts.Token);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = source.LocalEndPoint;
        var packet = new byte[FreeDWriter.D1Length];
        var sent = BenchPace.Run(rate, duration, sentAt, i =>
        {
            // The index rides in the raw zoom count (u24: 16 M packets), which the sample carries through unchanged.
            var sample = FreeDSample.FromPose(1, 0, 0, 0, 0, 0, 0, i & 0xFFFFFF, 0, 0);
            FreeDWriter.Write(sample, packet);
            sender.SendTo(packet, target);
        });
        Thread.Sleep(300);
        cts.Cancel();
        running.GetAwaiter().GetResult();
        return (sent, ingest.Samples, P99(observer.Latencies));
    }

    /// <summary>Records send → stored latency for each sample (the index is the raw zoom count).</summary>
    private sealed class LatencyObserver(long[] sentAt) : ISampleSink
    {
        public List<double> Latencies { get; } = new(sentAt.Length);

        public void OnSample(in TrackingSample sample, int sourceIndex)
        {
            var now = Stopwatch.GetTimestamp();
            var index = sample.ZoomRaw;
            if ((uint)index < (uint)sentAt.Length)
            {
                Latencies.Add((now - sentAt[index]) * 1e6 / Stopwatch.Frequency);
            }
        }
    }
}
