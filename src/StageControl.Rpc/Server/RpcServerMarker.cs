namespace StageControl.Rpc.Server;

/// <summary>DI marker proving AddStageRpc ran; remembers whether the UNIMPLEMENTED fallback is mapped.</summary>
internal sealed class RpcServerMarker
{
    public bool UnimplementedMapped { get; set; }
}
