namespace StageControl.Rpc;

/// <summary>
/// A service implementation that can bind its methods (stands in for the generated <c>BindService</c>;
/// hand-written <c>XxxBase</c> classes implement it).
/// </summary>
public interface IRpcService
{
    /// <summary>Adds every method of the service to <paramref name="binder"/>.</summary>
    /// <param name="binder">The binder.</param>
    void BindService(RpcServiceBinder binder);
}
