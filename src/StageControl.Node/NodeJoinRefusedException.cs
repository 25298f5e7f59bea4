using StageControl.Rpc;

namespace StageControl.Node;

/// <summary>
/// The coordinator refused the node for good (retrying cannot help): an unknown name (NOT_FOUND), a bad Join
/// (INVALID_ARGUMENT), a missing or wrong token (UNAUTHENTICATED / PERMISSION_DENIED), or no node session service
/// (UNIMPLEMENTED).
/// </summary>
public sealed class NodeJoinRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NodeJoinRefusedException()
        : base("The coordinator refused the node.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NodeJoinRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NodeJoinRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The status the coordinator answered.</summary>
    public StatusCode StatusCode { get; init; } = StatusCode.Unknown;
}
