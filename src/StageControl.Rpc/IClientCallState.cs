namespace StageControl.Rpc;

/// <summary>The parts of a running client call that every call shape exposes.</summary>
internal interface IClientCallState : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}
