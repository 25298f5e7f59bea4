// `stagectl track record|replay|listen` run in-process against loopback UDP sockets owned by the test. No wall-clock
// bound tighter than "a 200 ms capture takes at least 150 ms at speed 1" is asserted: timed tests flake.
using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using StageControl.Tracking.Capture;
using StageControl.Tracking.FreeD;
using StageControl.Tracking.Ingest;
using StageControl.Tests.Shared;

namespace StageControl.Cli.Tests;

public sealed class TrackToolsCommandTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("stagectl-track-").FullName;
    private readonly Socket _receiver = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public TrackToolsCommandTests()
    {
        _receiver.ReceiveBufferSize = 1 << 20;
        _receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    private string ReceiverAddress => $"127.0.0.1:{((IPEndPoint)_receiver.LocalEndPoint!).Port}";

    public void Dispose()
    {
        _receiver.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Record_TrackSendToIt_CaptureHoldsEveryDatagram()
    {
        // Arrange
        var port = FreePorts.Udp();
        var file = Path.Combine(_dir, "send.sccap");
        var recording = RunInBackground(() => Stagectl.Run("track", "record", "--format", "freed", "--port", Str(port), "--bind", "127.0.0.1",
            "--out", file, "--duration", "2s", "--json"));
        WaitUntilBound(port, recording);

        // Act
        var send = Stagectl.Run("track", "send", "--format", "freed", "--to", $"127.0.0.1:{port}", "--rate", "100", "--duration", "300ms",
            "--camera-id", "3", "--json");
        var (code, stdout, stderr) = await recording.WaitAsync(CommandTimeout);

        // Assert
        Assert.True(send.Code == 0, send.Err);
        Assert.True(code == 0, stderr);
        var sent = (long)JsonNode.Parse(send.Out.Trim().Split('\n')[^1])!["datagrams"]!;
        Assert.Equal(30, sent);
        var summary = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
        Assert.Equal(sent, (long)summary["datagrams"]!);
        Assert.Equal(sent * FreeDWriter.D1Length, (long)summary["bytes"]!);
        Assert.Equal(CaptureError.None, CaptureReader.TryRead(File.ReadAllBytes(file), out var formatCode, out _, out var records, out _, out var message));
        Assert.Null(message);
        Assert.Equal((byte)TrackingFormat.FreeD, formatCode);
        Assert.Equal(sent, records.Count);
        long last = 0;
        foreach (var record in records)
        {
            Assert.Equal(OperationStatus.Done, FreeDReader.TryReadDatagram(record.Payload, out var d1, out _));
            Assert.Equal(3, d1.CameraId);
            Assert.Equal(IPAddress.Loopback, record.Source.Address);
            Assert.True(record.OffsetNanoseconds >= last);
            last = record.OffsetNanoseconds;
        }

        // Atomic completion: only the final file is left, no temporary beside it.
        Assert.Equal([file], Directory.GetFiles(_dir));
    }

    [Fact]
    public void Replay_CaptureOf200ms_DeliversSameBytesInOrder()
    {
        // Arrange: 21 datagrams 10 ms apart, each with distinct bytes.
        var file = Path.Combine(_dir, "replay.sccap");
        var payloads = new List<byte[]>();
        using (var writer = new CaptureWriter(file, TrackingFormat.Osc, DateTimeOffset.UnixEpoch))
        {
            for (var i = 0; i <= 20; i++)
            {
                var payload = new byte[8 + i];
                payload.AsSpan().Fill((byte)(0x40 + i));
                payloads.Add(payload);
                writer.Write(i * 10_000_000L, new IPEndPoint(IPAddress.Loopback, 6301), payload);
            }

            writer.Complete();
        }

        // Act
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = Stagectl.Run("track", "replay", "--file", file, "--to", ReceiverAddress, "--speed", "1", "--json");
        clock.Stop();
        var received = Drain();

        // Assert
        Assert.True(code == 0, stderr);
        var summary = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
        Assert.Equal(21, (long)summary["sent"]!);
        Assert.Equal(payloads.Count, received.Count);
        for (var i = 0; i < payloads.Count; i++)
        {
            Assert.Equal(payloads[i], received[i]);
        }

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150), $"replay of a 200 ms capture took {clock.Elapsed}");
    }

    [Fact]
    public void Replay_CorruptedCapture_ExitsOneNamingTheOffset()
    {
        // Arrange: a valid capture with the second record's address-family byte damaged.
        var file = Path.Combine(_dir, "bad.sccap");
        using (var writer = new CaptureWriter(file, TrackingFormat.FreeD, DateTimeOffset.UnixEpoch))
        {
            writer.Write(0, new IPEndPoint(IPAddress.Loopback, 1), [1, 2, 3]);
            writer.Write(1000, new IPEndPoint(IPAddress.Loopback, 1), [4, 5, 6]);
            writer.Complete();
        }

        var bytes = File.ReadAllBytes(file);
        var second = CaptureFormat.HeaderLength + CaptureFormat.RecordHeaderLength + 3;
        bytes[second + 8] = 9;
        File.WriteAllBytes(file, bytes);

        // Act
        var (code, _, stderr) = Stagectl.Run("track", "replay", "--file", file, "--to", ReceiverAddress);

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("offset " + Str(second), stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.Empty(Drain());
    }

    [Fact]
    public async Task Listen_JsonOneSecondOfFreeD_PrintsCameraAndSourceStats()
    {
        // Arrange
        var port = FreePorts.Udp();
        var listening = RunInBackground(() => Stagectl.Run("track", "listen", "--format", "freed", "--port", Str(port), "--bind", "127.0.0.1",
            "--duration", "1s", "--json"));
        WaitUntilBound(port, listening);

        // Act
        var sent = SendFreeDUntil(listening, port, Sample);
        var (code, stdout, stderr) = await listening.WaitAsync(CommandTimeout);

        // Assert
        Assert.True(code == 0, stderr);
        var lines = stdout.Trim().Split('\n');
        Assert.True(lines.Length >= 2, stdout);
        var stats = JsonNode.Parse(lines[^2])!;
        Assert.Equal("stats", (string)stats["type"]!);
        var camera = stats["cameras"]!.AsArray().Single()!;
        Assert.Equal(7, (int)camera["cameraId"]!);
        Assert.Equal(Sample.PanDegrees, (double)camera["panDeg"]!, 3);
        var source = stats["sources"]!.AsArray().Single()!;
        Assert.StartsWith("127.0.0.1:", (string)source["endPoint"]!, StringComparison.Ordinal);
        Assert.True((long)source["packets"]! > 0);
        Assert.NotNull(source["jitterUs"]);
        Assert.NotNull(source["lost"]);
        var summary = JsonNode.Parse(lines[^1])!;
        Assert.Equal("summary", (string)summary["type"]!);
        Assert.InRange((long)summary["samples"]!, 1, sent);
        Assert.Equal(1, (int)summary["cameras"]!);
    }

    [Fact]
    public async Task Listen_RebroadcastFreeD_RepublishesTheSamePoseWithinOneLsb()
    {
        // Arrange
        var port = FreePorts.Udp();
        var listening = RunInBackground(() => Stagectl.Run("track", "listen", "--format", "freed", "--port", Str(port), "--bind", "127.0.0.1",
            "--duration", "700ms", "--json", "--rebroadcast-freed", ReceiverAddress));
        WaitUntilBound(port, listening);

        // Act
        SendFreeDUntil(listening, port, Sample);
        var (code, stdout, stderr) = await listening.WaitAsync(CommandTimeout);
        var received = Drain();

        // Assert
        Assert.True(code == 0, stderr);
        var summary = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
        Assert.Equal(received.Count, (long)summary["rebroadcastFreed"]!);
        Assert.NotEmpty(received);
        foreach (var datagram in received)
        {
            Assert.Equal(OperationStatus.Done, FreeDReader.TryReadDatagram(datagram, out var d1, out var error));
            Assert.Equal(FreeDError.None, error);
            Assert.Equal(Sample.CameraId, d1.CameraId);
            Assert.InRange(d1.PanRaw - Sample.PanRaw, -1, 1);
            Assert.InRange(d1.TiltRaw - Sample.TiltRaw, -1, 1);
            Assert.InRange(d1.RollRaw - Sample.RollRaw, -1, 1);
            Assert.InRange(d1.XRaw - Sample.XRaw, -1, 1);
            Assert.InRange(d1.YRaw - Sample.YRaw, -1, 1);
            Assert.InRange(d1.ZRaw - Sample.ZRaw, -1, 1);
        }
    }

    [Theory]
    [InlineData("listen", "--format", "freed")]
    [InlineData("listen", "--port", "6301")]
    [InlineData("record", "--port", "6301", "--out", "x.sccap")]
    [InlineData("record", "--format", "freed", "--port", "6301")]
    [InlineData("replay", "--file", "x.sccap")]
    [InlineData("listen", "--format", "freed", "--port", "6301", "--duration", "soon")]
    public void TrackTools_MissingOrBadUsage_ExitTwo(params string[] args)
    {
        // Arrange
        string[] command = ["track", .. args];

        // Act
        var (code, _, stderr) = Stagectl.Run(command);

        // Assert
        Assert.Equal(2, code);
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public void Listen_BadAllowEntry_ExitsOneNamingIt()
    {
        // Arrange + Act
        var (code, _, stderr) = Stagectl.Run("track", "listen", "--format", "freed", "--port", Str(FreePorts.Udp()), "--allow", "10.0.0.0/8,nonsense");

        // Assert
        Assert.Equal(1, code);
        Assert.Contains("nonsense", stderr, StringComparison.Ordinal);
    }

    private static readonly FreeDSample Sample = FreeDSample.FromPose(7, 12.5, -3.25, 1.5, 1234.5, -2500.25, 1600, 100_000, 200_000, 0);

    /// <summary>
    /// Runs a blocking command on its own thread, not a pool thread: blocked pool threads on a 2-core machine starve the
    /// ingest loops of tests running beside this one.
    /// </summary>
    private static Task<(int Code, string Out, string Err)> RunInBackground(Func<(int Code, string Out, string Err)> command) =>
        Task.Factory.StartNew(command, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static string Str(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits until the command has bound <paramref name="port"/>. On Linux, /proc/net/udp lists it (probing with a bind of
    /// our own would race with the command's bind); elsewhere a fixed pause stands in.
    /// </summary>
    private static void WaitUntilBound(int port, Task<(int Code, string Out, string Err)> command)
    {
        var marker = ":" + port.ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + " ";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < CommandTimeout && !command.IsCompleted)
        {
            if (!File.Exists("/proc/net/udp"))
            {
                Thread.Sleep(500);
                return;
            }

            foreach (var line in File.ReadLines("/proc/net/udp").Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 1 && (fields[1] + " ").EndsWith(marker, StringComparison.Ordinal))
                {
                    return;
                }
            }

            Thread.Sleep(10);
        }

        Assert.Fail(command.IsCompleted ? $"the command ended early: {command.Result}" : $"port {port} was never bound");
    }

    private static long SendFreeDUntil(Task command, int port, FreeDSample sample)
    {
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var packet = new byte[FreeDWriter.D1Length];
        FreeDWriter.Write(sample, packet);
        var to = new IPEndPoint(IPAddress.Loopback, port);
        long sent = 0;
        while (!command.IsCompleted)
        {
            sender.SendTo(packet, to);
            sent++;
            Thread.Sleep(10);
        }

        return sent;
    }

    private List<byte[]> Drain()
    {
        var datagrams = new List<byte[]>();
        var buffer = new byte[65536];
        while (_receiver.Poll(200_000, SelectMode.SelectRead))
        {
            var n = _receiver.Receive(buffer);
            datagrams.Add(buffer.AsSpan(0, n).ToArray());
        }

        return datagrams;
    }
}
