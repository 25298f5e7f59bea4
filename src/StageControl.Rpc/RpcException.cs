namespace StageControl.Rpc;

/// <summary>
/// A call that ended with a non-OK status (Grpc.Core.RpcException). Thrown by clients when the server answers
/// an error, and thrown by server handlers to answer one.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates the exception for <paramref name="status"/> with no trailers.</summary>
    /// <param name="status">The status.</param>
    public RpcException(Status status)
        : this(status, Metadata.Empty)
    {
    }

    /// <summary>Creates the exception for <paramref name="status"/> with the given trailers.</summary>
    /// <param name="status">The status.</param>
    /// <param name="trailers">Trailing metadata sent (server) or received (client) with the status.</param>
    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers;
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; }

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata.</summary>
    public Metadata Trailers { get; }
}
