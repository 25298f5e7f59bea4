using StageControl.Coordinator.Frames;

namespace StageControl.Coordinator.Registry;

/// <summary>One live session of a node: its outbound slots and the token that ends the session from our side.</summary>
internal sealed class NodeConnection(NodeOutbound outbound, string peer) : IDisposable
{
    private readonly CancellationTokenSource _ending = new();

    /// <summary>The outbound slots and writer.</summary>
    public NodeOutbound Outbound { get; } = outbound;

    /// <summary>The node's address as the server saw it.</summary>
    public string Peer { get; } = peer;

    /// <summary>Fires when the coordinator ends the session (shutdown).</summary>
    public CancellationToken Ending => _ending.Token;

    /// <summary>Ends the session from our side.</summary>
    public void End()
    {
        try
        {
            _ending.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already over.
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _ending.Dispose();
}
