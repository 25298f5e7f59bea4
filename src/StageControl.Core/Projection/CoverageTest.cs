namespace StageControl.Core.Projection;

/// <summary>How a panel's coverage by the inner frustum was decided (shared/notes/math.md §3.2 step 4).</summary>
public enum CoverageTest
{
    /// <summary>All four corner rays hit the panel plane: separating-axis test of the keystoned quad against the
    /// panel rectangle (exact).</summary>
    SeparatingAxis = 0,

    /// <summary>A corner ray misses the panel plane: clip-space test; the panel is rejected only when its four corners
    /// fail the same clip plane (conservative).</summary>
    ClipSpace = 1,

    /// <summary>The camera is on or behind the panel plane: the panel faces away and is not covered.</summary>
    BackFacing = 2,
}
