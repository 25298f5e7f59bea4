namespace StageControl.Coordinator.Tests.Remote;

/// <summary>Runs the network-namespace test with no other test class at the same time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NetnsCollection
{
    public const string Name = "netns federation";
}
