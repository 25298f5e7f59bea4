using StageControl.Core.Stage;

namespace StageControl.Coordinator;

/// <summary>The coordinator could not start: a bad stage config (every problem listed) or an endpoint it cannot
/// listen on (named in the message).</summary>
public sealed class CoordinatorStartException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public CoordinatorStartException(string message)
        : base(message)
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public CoordinatorStartException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>A stage config with problems.</summary>
    public CoordinatorStartException(string message, IReadOnlyList<ConfigProblem> problems)
        : base(message)
    {
        Problems = problems;
    }

    /// <summary>Creates an empty instance.</summary>
    public CoordinatorStartException()
    {
    }

    /// <summary>The config problems, when that is what failed.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; } = [];
}
