namespace StageControl.Core.Stage;

/// <summary>The outcome of loading a stage config: the stage when it is valid, and every problem found.</summary>
/// <param name="Config">The stage, or null when there is any problem.</param>
/// <param name="Problems">Every problem, section by section (panel types, walls, processors, nodes, cameras), cross-checks after the section they follow.</param>
public sealed record StageConfigResult(StageConfig? Config, IReadOnlyList<ConfigProblem> Problems)
{
    /// <summary>True when the config loaded without a single problem.</summary>
    public bool IsValid => Config is not null && Problems.Count == 0;
}
