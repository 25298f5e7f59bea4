namespace StageControl.Rpc;

/// <summary>A stream of incoming messages (Grpc.Core.IAsyncStreamReader).</summary>
/// <typeparam name="T">Message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>False at the end of the stream.</returns>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}
