namespace StageControl.Node;

/// <summary>Why <see cref="NodeRuntime.RunAsync"/> returned.</summary>
public enum NodeExitReason
{
    /// <summary>The caller cancelled (Ctrl-C, SIGTERM, dispose).</summary>
    Cancelled,

    /// <summary>The coordinator sent Shutdown.</summary>
    Shutdown,
}
