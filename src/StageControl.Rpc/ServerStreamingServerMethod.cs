namespace StageControl.Rpc;

/// <summary>A server-streaming handler (Grpc.Core.ServerStreamingServerMethod).</summary>
/// <typeparam name="TRequest">Request type.</typeparam>
/// <typeparam name="TResponse">Response type.</typeparam>
/// <param name="request">The request.</param>
/// <param name="responseStream">Where responses go.</param>
/// <param name="context">The call context.</param>
/// <returns>Completes when the handler is done.</returns>
public delegate Task ServerStreamingServerMethod<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);
