using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Tracking.Capture;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl track record --format freed|osc|opentrackio --port P --out FILE [--bind ADDR] [--duration D] [--json]</c>:
/// receives UDP datagrams and writes each one, as received, with <see cref="CaptureWriter"/>: arrival offset in
/// nanoseconds since the command started (<see cref="Stopwatch"/> clock), sender and payload. Nothing is decoded, so a
/// capture also keeps malformed packets for later study. Ends at <c>--duration</c> or on Ctrl-C; the file is then
/// completed atomically (written to a temporary file beside it, fsynced and renamed), so a killed recorder never leaves
/// a half file under the final name. Prints the datagram and byte counts.
/// </summary>
internal static class TrackRecordCommand
{
    /// <summary>How long one receive waits before the loop checks for cancellation.</summary>
    private const int PollMicroseconds = 50_000;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var format = new Option<string>("--format") { Description = "Format recorded in the capture header: freed, osc or opentrackio.", Required = true };
        format.AcceptOnlyFromAmong(TrackCliText.FormatNames);
        var port = new Option<int>("--port") { Description = "UDP port to receive on.", Required = true };
        var bind = new Option<string>("--bind") { Description = "Local address to bind (default 0.0.0.0).", DefaultValueFactory = _ => "0.0.0.0" };
        var output = new Option<string>("--out") { Description = "Capture file to write.", Required = true };
        var duration = new Option<string>("--duration") { Description = "How long to record, e.g. 15s, 10m (default: until Ctrl-C)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on one line." };

        var record = new Command("record", "Record tracking datagrams from UDP into a capture file.");
        foreach (var option in new Option[] { format, port, bind, output, duration, json })
        {
            record.Options.Add(option);
        }

        io.SetAction(record, parse =>
        {
            var trackingFormat = TrackCliText.ParseFormat(parse.GetValue(format)!);
            var local = new IPEndPoint(TrackCliText.ParseAddress(parse.GetValue(bind)!, "--bind"), TrackCliText.CheckPort(parse.GetValue(port), "--port"));
            var durationText = parse.GetValue(duration);
            TimeSpan? limit = durationText is null ? null : DurationText.Parse(durationText, "--duration");
            var path = parse.GetValue(output)!;

            using var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.ReceiveBufferSize = 4 << 20;
            try
            {
                socket.Bind(local);
            }
            catch (SocketException e)
            {
                throw new CliInputException($"--port: cannot bind {local}: {e.Message}");
            }

            using var scope = new CancelScope(limit);
            var start = Stopwatch.GetTimestamp();
            long count, bytes;
            using (var writer = new CaptureWriter(path, trackingFormat, DateTimeOffset.UtcNow))
            {
                (count, bytes) = Receive(socket, writer, start, scope.Token);
                writer.Complete();
            }

            var elapsedS = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (parse.GetValue(json))
            {
                io.WriteJson(new JsonObject
                {
                    ["file"] = path,
                    ["format"] = parse.GetValue(format),
                    ["datagrams"] = count,
                    ["bytes"] = bytes,
                    ["elapsedS"] = Math.Round(elapsedS, 6),
                });
            }
            else
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recorded {count} datagrams ({bytes} bytes) on {local} to {path} in {elapsedS:F3} s"));
            }

            return ExitCodes.Ok;
        });
        return record;
    }

    private static (long Count, long Bytes) Receive(Socket socket, CaptureWriter writer, long start, CancellationToken token)
    {
        var buffer = new byte[CaptureFormat.MaxPayloadLength];
        var address = new SocketAddress(socket.AddressFamily);
        SocketAddress? lastAddress = null;
        IPEndPoint? lastSender = null;
        long count = 0, bytes = 0;
        while (!token.IsCancellationRequested)
        {
            if (!socket.Poll(PollMicroseconds, SelectMode.SelectRead))
            {
                continue;
            }

            int received;
            try
            {
                received = socket.ReceiveFrom(buffer, SocketFlags.None, address);
            }
            catch (SocketException)
            {
                // ICMP echoes and the like: UDP has no connection to end, keep receiving.
                continue;
            }

            var offsetNs = (long)(Stopwatch.GetElapsedTime(start).Ticks * 100L);

            // One sender usually: reuse its end point instead of building one per datagram.
            if (lastAddress is null || !lastAddress.Equals(address))
            {
                lastAddress = new SocketAddress(address.Family, address.Size);
                address.Buffer.Span[..address.Size].CopyTo(lastAddress.Buffer.Span);
                lastSender = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(lastAddress);
            }

            writer.Write(offsetNs, lastSender!, buffer.AsSpan(0, received));
            count++;
            bytes += received;
        }

        return (count, bytes);
    }
}
