namespace StageControl.Coordinator.Remote;

/// <summary>The words status uses for roles, link states and peer states (status.proto FederationStatus).</summary>
internal static class LinkStates
{
    public const string Standalone = "standalone";
    public const string Primary = "primary";
    public const string Secondary = "secondary";

    public const string Serving = "serving";
    public const string Connecting = "connecting";
    public const string Syncing = "syncing";
    public const string Locked = "locked";
    public const string Lost = "lost";

    public const string Linked = "linked";
    public const string Relayed = "relayed";
}
