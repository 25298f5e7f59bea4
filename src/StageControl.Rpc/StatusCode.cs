namespace StageControl.Rpc;

/// <summary>
/// gRPC status codes; numeric values are the wire values of <c>grpc-status</c>
/// (googleapis google/rpc/code.proto; shared/notes/grpc-wire.md §1.5). Names match Grpc.Core.StatusCode.
/// </summary>
public enum StatusCode
{
    /// <summary>Not an error.</summary>
    OK = 0,

    /// <summary>The call was cancelled, typically by the caller.</summary>
    Cancelled = 1,

    /// <summary>Unknown error, e.g. a server handler threw.</summary>
    Unknown = 2,

    /// <summary>The client sent an invalid argument.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline expired before the call completed.</summary>
    DeadlineExceeded = 4,

    /// <summary>A requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>The entity the client tried to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller may not run this operation.</summary>
    PermissionDenied = 7,

    /// <summary>A resource ran out, or a message exceeded the size limit.</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted, e.g. by a concurrency conflict.</summary>
    Aborted = 10,

    /// <summary>The operation went past the valid range.</summary>
    OutOfRange = 11,

    /// <summary>The method is not implemented or not supported (also unsupported compression).</summary>
    Unimplemented = 12,

    /// <summary>An internal invariant broke (parse errors, protocol violations).</summary>
    Internal = 13,

    /// <summary>The service is currently unavailable; retrying may succeed.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>The request has no valid authentication credentials.</summary>
    Unauthenticated = 16,
}
