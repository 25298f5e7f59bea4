using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace StageControl.Coordinator.Simulation;

/// <summary>
/// A userspace WAN stand-in for the federation tests and <c>stagectl bench federation</c>, used where the kernel's
/// netem qdisc is not available: a TCP relay from <see cref="LocalEndPoint"/> to a target that delays every chunk it
/// reads by <see cref="LinkConditions.Delay"/> ± <see cref="LinkConditions.Jitter"/> (uniform, each direction on its
/// own, order kept as TCP keeps it), and models loss the way a TCP stream feels it: a "lost" chunk arrives one fast
/// retransmission later (<see cref="LossPenalty"/>: a round trip plus 10 ms — the duplicate ACKs travel back, the
/// segment is sent again), holding up everything behind it. What it is not: it works on the chunks a socket read returns, not on IP packets, and it cannot reorder or
/// drop bytes (a TCP stream never shows either).
/// A cut (<see cref="Cut"/>) is a dead path: established connections stall (nothing is delivered either way until
/// <see cref="Restore"/>; what was held then arrives late, as TCP retransmissions would) and new connections are reset
/// at once (as if an ICMP unreachable came back).
/// </summary>
public sealed class LinkEmulator : IAsyncDisposable
{
    /// <summary>Extra delay of a lost chunk on a path of one-way delay <paramref name="delay"/>: a fast retransmit,
    /// one round trip plus 10 ms (RFC 5681 §3.2; an RTO of 200 ms or more only when the loss is at the tail).</summary>
    public static TimeSpan LossPenalty(TimeSpan delay) => (2 * delay) + TimeSpan.FromMilliseconds(10);

    private readonly Socket _listener;
    private readonly EndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _tasks = [];
    private int _seed;
    private volatile LinkConditions _conditions;
    private volatile bool _cut;
    private Task? _accepting;
    private long _connections;
    private long _chunks;
    private long _lost;

    /// <summary>A relay listening on <paramref name="listen"/> (port 0 picks one) toward <paramref name="target"/>.</summary>
    public LinkEmulator(IPEndPoint listen, EndPoint target, LinkConditions conditions, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
        _conditions = conditions ?? LinkConditions.None;
        _seed = seed;
        _listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(listen);
        _listener.Listen(64);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    /// <summary>Where to connect instead of the target.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The impairment, changeable while running (applies to chunks read from then on).</summary>
    public LinkConditions Conditions
    {
        get => _conditions;
        set => _conditions = value ?? LinkConditions.None;
    }

    /// <summary>True while cut.</summary>
    public bool IsCut => _cut;

    /// <summary>Connections accepted and relayed.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Chunks relayed, both directions.</summary>
    public long Chunks => Interlocked.Read(ref _chunks);

    /// <summary>Chunks that were "lost" (delayed by one retransmission timeout).</summary>
    public long LostChunks => Interlocked.Read(ref _lost);

    /// <summary>Starts accepting.</summary>
    public void Start() => _accepting = Task.Run(() => AcceptAsync(_stop.Token));

    /// <summary>Cuts the path: established connections stall, new ones are reset.</summary>
    public void Cut() => _cut = true;

    /// <summary>Restores the path.</summary>
    public void Restore() => _cut = false;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        Task[] tasks;
        lock (_gate)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            tasks = [.. _tasks];
        }

        if (_accepting is not null)
        {
            tasks = [.. tasks, _accepting];
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or TimeoutException or IOException)
        {
            // Torn down.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                // A dead path: reset, do not relay.
                client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            var task = RelayAsync(client, stop);
            lock (_gate)
            {
                _tasks.RemoveAll(t => t.IsCompleted);
                _tasks.Add(task);
            }
        }
    }

    private async Task RelayAsync(Socket client, CancellationToken stop)
    {
        var upstream = new Socket(_target.AddressFamily == AddressFamily.Unspecified ? AddressFamily.InterNetwork : _target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        lock (_gate)
        {
            _sockets.Add(client);
            _sockets.Add(upstream);
        }

        try
        {
            client.NoDelay = true;
            upstream.NoDelay = true;
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(stop);
            connect.CancelAfter(TimeSpan.FromSeconds(5));
            await upstream.ConnectAsync(_target, connect.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _connections);
            int seed = Interlocked.Add(ref _seed, 2);
            using var pair = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var up = PumpAsync(client, upstream, new Random(seed), pair);
            var down = PumpAsync(upstream, client, new Random(seed + 1), pair);
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // One side went away or the target refused.
        }
        finally
        {
            lock (_gate)
            {
                _sockets.Remove(client);
                _sockets.Remove(upstream);
            }

            client.Dispose();
            upstream.Dispose();
        }
    }

    /// <summary>One direction: a reader stamps each chunk with its due time, a writer delivers it then (never earlier
    /// than the chunk before it, never while cut).</summary>
    private async Task PumpAsync(Socket from, Socket to, Random random, CancellationTokenSource pair)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[]? Data)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = DeliverAsync(to, queue.Reader, pair.Token);
        long lastDue = 0;
        try
        {
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, pair.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                var c = _conditions;
                var delay = c.Delay.Ticks + (c.Jitter.Ticks == 0 ? 0 : (long)((random.NextDouble() * 2 - 1) * c.Jitter.Ticks));
                if (c.LossPercent > 0 && random.NextDouble() * 100 < c.LossPercent)
                {
                    delay += LossPenalty(c.Delay).Ticks;
                    Interlocked.Increment(ref _lost);
                }

                var due = Stopwatch.GetTimestamp() + (long)((double)Math.Max(0, delay) * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
                lastDue = Math.Max(lastDue, due);
                queue.Writer.TryWrite((lastDue, buffer.AsSpan(0, n).ToArray()));
                Interlocked.Increment(ref _chunks);
            }

            queue.Writer.TryWrite((lastDue, null));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            await pair.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await writing.ConfigureAwait(false);
    }

    private async Task DeliverAsync(Socket to, ChannelReader<(long Due, byte[]? Data)> queue, CancellationToken token)
    {
        try
        {
            await foreach (var (due, data) in queue.ReadAllAsync(token).ConfigureAwait(false))
            {
                while (true)
                {
                    var wait = due - Stopwatch.GetTimestamp();
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromTicks(Math.Max(1, wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency)), token).ConfigureAwait(false);
                        continue;
                    }

                    if (!_cut)
                    {
                        break;
                    }

                    await Task.Delay(5, token).ConfigureAwait(false);
                }

                if (data is null)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                var sent = 0;
                while (sent < data.Length)
                {
                    sent += await to.SendAsync(data.AsMemory(sent), SocketFlags.None, token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The pair is over.
        }
    }
}
