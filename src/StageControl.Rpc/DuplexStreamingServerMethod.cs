namespace StageControl.Rpc;

/// <summary>A bidirectional-streaming handler (Grpc.Core.DuplexStreamingServerMethod).</summary>
/// <typeparam name="TRequest">Request type.</typeparam>
/// <typeparam name="TResponse">Response type.</typeparam>
/// <param name="requestStream">The requests.</param>
/// <param name="responseStream">Where responses go.</param>
/// <param name="context">The call context.</param>
/// <returns>Completes when the handler is done.</returns>
public delegate Task DuplexStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);
