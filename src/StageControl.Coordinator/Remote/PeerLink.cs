namespace StageControl.Coordinator.Remote;

/// <summary>The primary's side of one secondary's link: its site, the attempt it belongs to, its writer, and how to
/// end it (a newer session of the same site replaces it).</summary>
internal sealed class PeerLink(RemoteSite site, long session, LinkOutbound outbound) : IDisposable
{
    private readonly CancellationTokenSource _end = new();

    public RemoteSite Site { get; } = site;

    public long Session { get; } = session;

    public LinkOutbound Outbound { get; } = outbound;

    /// <summary>Fires when the link is ended by the primary (replaced, stopping).</summary>
    public CancellationToken Ending => _end.Token;

    public void End()
    {
        try
        {
            _end.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already over.
        }

        Outbound.Complete();
    }

    public void Dispose() => _end.Dispose();
}
