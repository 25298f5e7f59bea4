namespace StageControl.Rpc;

/// <summary>A unary handler (Grpc.Core.UnaryServerMethod).</summary>
/// <typeparam name="TRequest">Request type.</typeparam>
/// <typeparam name="TResponse">Response type.</typeparam>
/// <param name="request">The request.</param>
/// <param name="context">The call context.</param>
/// <returns>The response.</returns>
public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);
