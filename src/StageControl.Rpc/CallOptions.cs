namespace StageControl.Rpc;

/// <summary>Per-call options (Grpc.Core.CallOptions).</summary>
/// <param name="Headers">Custom request metadata.</param>
/// <param name="Deadline">Absolute UTC deadline; null for none. Sent as <c>grpc-timeout</c> and enforced locally.</param>
/// <param name="CancellationToken">Cancels the call (RST_STREAM CANCEL).</param>
public readonly record struct CallOptions(Metadata? Headers = null, DateTime? Deadline = null, CancellationToken CancellationToken = default);
