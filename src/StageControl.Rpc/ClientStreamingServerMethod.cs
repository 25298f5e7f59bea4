namespace StageControl.Rpc;

/// <summary>A client-streaming handler (Grpc.Core.ClientStreamingServerMethod).</summary>
/// <typeparam name="TRequest">Request type.</typeparam>
/// <typeparam name="TResponse">Response type.</typeparam>
/// <param name="requestStream">The requests.</param>
/// <param name="context">The call context.</param>
/// <returns>The response.</returns>
public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);
